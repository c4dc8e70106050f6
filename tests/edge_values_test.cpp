// Values at the edges of double precision that used to come out silently wrong (issue 14): exp
// ramps whose end ratio over- or underflows.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "support.hpp"
#include "tempo/compile.hpp"

using tempo::testing::close;

TEST_CASE("an exp ramp whose end ratio overflows is exact along its whole length") {
  const auto up = tempo::compile("warmup(100, from=1e-300, to=1e300, shape=exp)");
  CHECK(close(up(0), 1e-300));
  CHECK(close(up(50), 1));
  CHECK(close(up(99), 1e294));
  CHECK(up(100) == 1e300);
  const auto down = tempo::compile("decay(100, max=1e200, min=1e-200, shape=exp)");
  CHECK(close(down(0), 1e200));
  CHECK(close(down(50), 1));
  CHECK(close(down(99), 1e-196));
  CHECK(down(100) == 1e-200);
  // fill gives the same values, bit for bit.
  std::vector<double> filled(130);
  up.fill(0, filled, 1);
  for (std::size_t i = 0; i < filled.size(); ++i) CHECK(filled[i] == up(static_cast<double>(i)));
}

TEST_CASE("an exp ramp between close ends keeps its precision") {
  const auto s = tempo::compile("warmup(100, from=1000, to=1001, shape=exp)");
  CHECK(close(s(50), 1000 * std::sqrt(1.001)));
  CHECK(close(tempo::compile("warmup(100, from=0.01, to=1, shape=exp)")(50), 0.1));
}
