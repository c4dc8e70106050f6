// A trainer's use of the installed C++ library: compiles the design-card schedule and checks a
// value. Built by CMake (find_package(tempo) → tempo::tempo) and by pkg-config
// (`c++ -std=c++20 trainer.cpp -o trainer $(pkg-config --cflags --libs tempo)`).
#include <cstdio>
#include <tempo/compile.hpp>

int main() {
  tempo::Options options;
  options.total = 100'000;
  const tempo::Schedule lr =
      tempo::compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", options);
  std::printf("lr(96000) = %g\n", lr(96000));
  return lr(96000) == 0.55 ? 0 : 1;
}
