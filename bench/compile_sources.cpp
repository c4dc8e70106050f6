#include "compile_sources.hpp"

#include <fmt/format.h>

namespace bench {

std::string hundred_bindings() {
  std::string file = "total = 100_000\npeak = 3e-4\n";
  for (int i = 0; i < 98; ++i) {
    file += fmt::format("s{} = peak * (warmup({}) >> stable(0.{}) >> cosine(min=0.1))\n", i,
                        100 + i, 10 + i % 80);
  }
  return file + "lr = s0\n";
}

std::string phases(std::int64_t n) {
  std::string source = "warmup(10)";
  for (std::int64_t i = 1; i < n; ++i)
    source += i % 2 ? " >> cosine(10, min=0.1)" : " >> linear(10, to=1)";
  return source;
}

}  // namespace bench
