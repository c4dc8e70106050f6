// Compiles the design-card schedule through the installed package and prints a few values:
// proof that find_package(tempo) gives a working tempo::tempo.
#include <cstdio>
#include <tempo/compile.hpp>

int main() {
  tempo::Options options;
  options.total = 100'000;
  const tempo::Schedule lr =
      tempo::compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", options);
  for (double step : {0.0, 1000.0, 96000.0, 100000.0}) std::printf("%g\t%g\n", step, lr(step));
  return lr(96000) == 0.55 ? 0 : 1;
}
