#include <doctest/doctest.h>

#include "tempo/compile.hpp"

TEST_CASE("the design-card schedule compiles") {
  tempo::Options options;
  options.total = 100000;
  auto s = tempo::compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", options);
  CHECK(s(1) == doctest::Approx(0.0005));
}
