/* The C API used from C: compile, evaluate, fill, phases, errors with positions, ownership.
 * Exits non-zero on the first failed check, naming it. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <tempo/tempo.h>

static int failures = 0;
#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

int main(void) {
  /* The library's version, the headers' and the CMake project's are one. */
  CHECK(strcmp(tempo_version(), TEMPO_VERSION_STRING) == 0);
  CHECK(strcmp(tempo_version(), TEMPO_VERSION) == 0);

  tempo_options* options = tempo_options_new();
  tempo_options_set_total(options, 100000);
  tempo_error* error = NULL;
  tempo_schedule* lr =
      tempo_compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", options, &error);
  CHECK(lr != NULL);
  CHECK(error == NULL);
  CHECK(tempo_eval(lr, 1) == 0.0005);
  CHECK(tempo_eval(lr, 96000) == 0.55);
  CHECK(tempo_eval(lr, -5) == 0);
  CHECK(isnan(tempo_eval(lr, NAN)));
  CHECK(strcmp(tempo_schedule_source(lr), "warmup(2000) >> stable(0.9) >> cosine(min=0.1)") == 0);

  double values[4];
  tempo_fill(lr, 999, 1, values, 4);
  CHECK(values[0] == tempo_eval(lr, 999) && values[3] == tempo_eval(lr, 1002));

  CHECK(tempo_phase_count(lr) == 3);
  tempo_phase phase;
  CHECK(tempo_phase_at(lr, 2, &phase) == 0);
  CHECK(strcmp(phase.name, "cosine(min=0.1)") == 0);
  CHECK(phase.start == 92000 && phase.end == 100000 && phase.end_value == 0.1);
  CHECK(tempo_phase_at(lr, 3, &phase) == -1);

  tempo_schedule* copy = tempo_schedule_copy(lr);
  tempo_schedule_free(lr);
  CHECK(tempo_eval(copy, 96000) == 0.55); /* the copy outlives the original */
  tempo_schedule_free(copy);

  /* Options: a name, an override. */
  tempo_options_set_name(options, "wd");
  tempo_options_set(options, "floor", "0.01");
  tempo_schedule* wd =
      tempo_compile("lr = cosine()\nwd = max(0.1 * cosine(), floor)", options, &error);
  CHECK(wd != NULL);
  CHECK(tempo_eval(wd, 100000) == 0.01);
  tempo_schedule_free(wd);
  tempo_options_free(options);

  /* Errors: text as the CLI prints it, and each diagnostic with its position. */
  tempo_schedule* bad = tempo_compile("warmup(2000) >> cosin(min=0.1)", NULL, &error);
  CHECK(bad == NULL);
  CHECK(error != NULL);
  CHECK(strncmp(tempo_error_text(error), "<expr>:1:17: error: unknown function `cosin`\n", 44) ==
        0);
  CHECK(tempo_error_count(error) == 1);
  tempo_diagnostic d;
  CHECK(tempo_error_diagnostic(error, 0, &d) == 0);
  CHECK(d.line == 1 && d.column == 17);
  CHECK(strcmp(d.message, "unknown function `cosin`") == 0);
  CHECK(strcmp(d.hint, "did you mean `cosine`?") == 0);
  CHECK(tempo_error_diagnostic(error, 1, &d) == -1);
  tempo_error_free(error);

  CHECK(tempo_compile_file("/no/such.tempo", NULL, &error) == NULL);
  CHECK(strcmp(tempo_error_text(error), "error: cannot read `/no/such.tempo`\n") == 0);
  tempo_error_free(error);

  /* A --set key that is not a name is an error, not a silent replacement of the expression. */
  tempo_options* empty_key = tempo_options_new();
  tempo_options_set(empty_key, "", "42");
  CHECK(tempo_compile("warmup(10)", empty_key, &error) == NULL);
  CHECK(strcmp(tempo_error_text(error),
               "error: tempo_options_set: `` is not a name (a key names a binding or a context "
               "value, e.g. `peak` or `total`)\n") == 0);
  tempo_error_free(error);
  tempo_options_free(empty_key);

  /* NULL arguments are harmless. */
  tempo_schedule* quiet = tempo_compile("cosine(10)", NULL, NULL);
  CHECK(quiet != NULL && tempo_eval(quiet, 10) == 0);
  tempo_schedule_free(quiet);
  CHECK(tempo_compile("cosine()", NULL, NULL) == NULL);
  CHECK(isnan(tempo_eval(NULL, 1)));
  tempo_schedule_free(NULL);
  tempo_error_free(NULL);

  /* Observations: plateau decides over them; the record's text restores it exactly. */
  tempo_schedule* plateau =
      tempo_compile("warmup(10) >> plateau(factor=0.5, patience=1)", NULL, NULL);
  tempo_observations* record = tempo_observations_new();
  CHECK(tempo_observations_add(record, 5, "loss", 9, NULL) == 0); /* the warmup's: ignored */
  CHECK(tempo_observations_add(record, 10, "loss", 2, NULL) == 0);
  CHECK(tempo_observations_add(record, 11, "loss", 2, NULL) == 0);
  CHECK(tempo_observations_add(record, 12, "loss", 2, NULL) == 0); /* the 2nd bad one: halve */
  CHECK(tempo_observations_add(record, NAN, "loss", 2, &error) == -1);
  CHECK(strcmp(tempo_error_text(error),
               "error: an observation's step must be a finite number, got nan\n") == 0);
  tempo_error_free(error);
  CHECK(tempo_observations_count(record) == 4);
  tempo_schedule* bound = tempo_schedule_bind(plateau, record, &error);
  CHECK(bound != NULL && error == NULL);
  CHECK(tempo_eval(plateau, 13) == 1);
  CHECK(tempo_eval(bound, 12) == 1 && tempo_eval(bound, 12.5) == 0.5 &&
        tempo_eval(bound, 1e9) == 0.5);
  const char* text = tempo_observations_text(record);
  CHECK(strcmp(text, "step,name,value\n5,loss,9\n10,loss,2\n11,loss,2\n12,loss,2\n") == 0);
  tempo_observations* restored = tempo_observations_parse(text, &error);
  CHECK(restored != NULL && tempo_observations_count(restored) == 4);
  tempo_schedule* resumed = tempo_schedule_bind(plateau, restored, NULL);
  CHECK(tempo_eval(resumed, 12.5) == tempo_eval(bound, 12.5));
  CHECK(tempo_observations_parse("1,loss,2\n2,loss\n", &error) == NULL);
  CHECK(tempo_error_count(error) == 1);
  tempo_diagnostic where;
  CHECK(tempo_error_diagnostic(error, 0, &where) == 0);
  CHECK(where.line == 2 && where.column == 1);
  CHECK(strcmp(where.message, "expected three fields: step,name,value") == 0);
  tempo_error_free(error);
  tempo_schedule_free(resumed);
  tempo_schedule_free(bound);
  tempo_schedule_free(plateau);
  tempo_observations_free(restored);
  tempo_observations_free(record);

  if (failures == 0) puts("c api: all checks passed");
  return failures == 0 ? 0 : 1;
}
