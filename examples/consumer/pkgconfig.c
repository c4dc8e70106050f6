/* Built with `cc pkgconfig.c $(pkg-config --cflags --libs tempo) -ltempo_c`: the C API through
 * the pkg-config file. Prints the value at step 1000 of a warmup. */
#include <stdio.h>
#include <tempo/tempo.h>

int main(void) {
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
