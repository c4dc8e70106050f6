/* The C API of docs/lifecycle.md from a C program: fingerprints (the same as C++'s and Lua's),
 * continuation checks, a cooldown branch, checkpoints and the three resume policies. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tempo/tempo.h"

static int failures = 0;
#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

static tempo_schedule* compile(const char* source, double total) {
  tempo_options* options = tempo_options_new();
  tempo_options_set_total(options, total);
  tempo_schedule* s = tempo_compile(source, options, NULL);
  tempo_options_free(options);
  return s;
}

int main(void) {
  char fingerprint[TEMPO_FINGERPRINT_SIZE];
  tempo_schedule* card = compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", 100000);
  tempo_fingerprint(card, fingerprint);
  CHECK(strcmp(fingerprint, "f13bb0ee762fab8d") == 0);
  tempo_fingerprint(NULL, fingerprint);
  CHECK(fingerprint[0] == '\0');

  /* A changed warmup does not continue; a longer WSD run does until its old decay. */
  tempo_schedule* short_warmup = compile("warmup(1000) >> stable(0.9) >> cosine(min=0.1)", 100000);
  tempo_continuation c = tempo_continues(card, short_warmup, 50000);
  CHECK(!c.continues && c.step == 1 && c.old_value == 0.0005 && c.new_value == 0.001);
  tempo_schedule* wsd = compile("warmup(2000) >> stable() >> decay(10000)", 100000);
  tempo_schedule* longer = compile("warmup(2000) >> stable() >> decay(10000)", 200000);
  c = tempo_continues(wsd, longer, 90000);
  CHECK(c.continues && c.proven == 90000 && isnan(c.step));

  /* A cooldown branched off an open-ended trunk. */
  tempo_schedule* trunk = tempo_compile("warmup(2000) >> stable()", NULL, NULL);
  tempo_error* error = NULL;
  tempo_schedule* branch = tempo_cool_down(trunk, 40000, 4000, "sqrt", &error);
  CHECK(branch != NULL && error == NULL);
  CHECK(strcmp(tempo_schedule_source(branch),
               "take(40000, warmup(2000) >> stable()) >> decay(4000, shape=sqrt)") == 0);
  CHECK(tempo_continues(trunk, branch, 40000).continues);
  CHECK(tempo_eval(branch, 44000) == 0);
  CHECK(tempo_branch(trunk, 40000, "cosin(10)", &error) == NULL);
  CHECK(error != NULL && strstr(tempo_error_text(error), "unknown function `cosin`") != NULL);
  tempo_error_free(error);

  /* Checkpoints: written, read back, resumed under each policy. */
  tempo_checkpoint* saved = tempo_checkpoint_new(card, 50000);
  CHECK(tempo_checkpoint_observe(saved, 10, "loss", 2.5) == 0);
  tempo_checkpoint* read = tempo_checkpoint_read(tempo_checkpoint_json(saved), &error);
  CHECK(read != NULL && error == NULL);
  CHECK(strcmp(tempo_checkpoint_json(read), tempo_checkpoint_json(saved)) == 0);
  CHECK(tempo_checkpoint_step(read) == 50000);
  CHECK(strcmp(tempo_checkpoint_fingerprint(read), "f13bb0ee762fab8d") == 0);
  CHECK(strcmp(tempo_checkpoint_source(read), "warmup(2000) >> stable(0.9) >> cosine(min=0.1)") ==
        0);
  tempo_schedule* same = tempo_resume(read, card, NULL, NULL, &error);
  CHECK(same != NULL && strcmp(tempo_checkpoint_report(read), "") == 0);
  CHECK(tempo_resume(read, short_warmup, "error", NULL, &error) == NULL);
  CHECK(error != NULL &&
        strstr(tempo_error_text(error), "first differing step: 1 (checkpoint 0.0005, now 0.001)"));
  tempo_error_free(error);
  tempo_schedule* adopted = tempo_resume(read, short_warmup, "adopt", NULL, &error);
  CHECK(adopted != NULL && tempo_eval(adopted, 1) == 0.001);
  CHECK(strstr(tempo_checkpoint_report(read), "on_change=adopt") != NULL);
  tempo_schedule* kept = tempo_resume(read, short_warmup, "keep", NULL, &error);
  CHECK(kept != NULL && tempo_eval(kept, 1) == 0.0005);
  CHECK(tempo_resume(read, card, "ignore", NULL, &error) == NULL);
  CHECK(strcmp(tempo_error_text(error),
               "error: tempo_resume: the policy is \"error\", \"adopt\" or \"keep\"\n") == 0);
  tempo_error_free(error);
  CHECK(tempo_checkpoint_read("{", &error) == NULL);
  CHECK(strncmp(tempo_error_text(error), "<checkpoint>:1:", 15) == 0);
  tempo_error_free(error);

  tempo_schedule* all[] = {card, short_warmup, wsd, longer, trunk, branch, same, adopted, kept};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; ++i) tempo_schedule_free(all[i]);
  tempo_checkpoint_free(saved);
  tempo_checkpoint_free(read);
  if (failures == 0) puts("c lifecycle: all checks passed");
  return failures == 0 ? 0 : 1;
}
