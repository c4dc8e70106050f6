// A C++ host that links both the static C++ library (tempo::tempo) and libtempo_c.so
// (tempo::tempo_c): each API works and gives the same values, each from its own copy of the
// library, since the shared object exports only the C API (tests/check_symbols own-copy checks
// that this program takes no tempo:: symbol from it). Built by ctest and by .ci/consumer.
#include <tempo/tempo.h>

#include <cstdio>
#include <tempo/compile.hpp>
#include <tempo/version.hpp>

int main() {
  const char* source = "warmup(2000) >> stable(0.9) >> cosine(min=0.1)";
  tempo::Options options;
  options.total = 100'000;
  const tempo::Schedule cpp = tempo::compile(source, options);

  tempo_options* c_options = tempo_options_new();
  tempo_options_set_total(c_options, 100'000);
  tempo_schedule* c = tempo_compile(source, c_options, nullptr);
  tempo_options_free(c_options);
  if (!c) return 1;
  int failures = 0;
  for (double step : {0.0, 1000.0, 50'000.0, 96'000.0, 100'000.0, 1e9}) {
    if (cpp(step) != tempo_eval(c, step)) {
      std::fprintf(stderr, "step %g: C++ %.17g, C %.17g\n", step, cpp(step), tempo_eval(c, step));
      ++failures;
    }
  }
  tempo_schedule_free(c);
  if (tempo::version() != tempo_version()) ++failures;
  if (failures == 0) std::puts("two libraries host: ok");
  return failures == 0 ? 0 : 1;
}
