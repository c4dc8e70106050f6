/* The installed C API, built with `cc main.c -o main $(pkg-config --cflags --libs tempo_c)`:
 * prints the value at step 1000 of a warmup, and fails if the library is not the version of
 * the headers. */
#include <stdio.h>
#include <string.h>
#include <tempo/tempo.h>

int main(void) {
  if (strcmp(tempo_version(), TEMPO_VERSION_STRING) != 0) {
    fprintf(stderr, "library %s, headers %s\n", tempo_version(), TEMPO_VERSION_STRING);
    return 1;
  }
  tempo_error* error = NULL;
  tempo_schedule* s = tempo_compile("warmup(2000)", NULL, &error);
  if (!s) {
    fputs(tempo_error_text(error), stderr);
    tempo_error_free(error);
    return 1;
  }
  printf("%g\n", tempo_eval(s, 1000));
  tempo_schedule_free(s);
  return 0;
}
