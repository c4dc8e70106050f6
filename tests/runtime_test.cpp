// Evaluation at the edges: inputs that used to hang, overflow into NaN or return a placeholder
// (issue 14 items 1, 2, 7, 12). Each case is the reproducer of the report.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "tempo/compile.hpp"

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

tempo::Schedule compile(const char* source, double total = std::nan("")) {
  tempo::Options options;
  if (!std::isnan(total)) options.total = total;
  return tempo::compile(source, options);
}

// fill and pointwise agree bit for bit (NaN included).
void check_fill(const tempo::Schedule& s, double first, double stride, std::size_t count) {
  std::vector<double> values(count);
  s.fill(first, values, stride);
  for (std::size_t i = 0; i < count; ++i) {
    const double step = first + static_cast<double>(i) * stride;
    INFO("step ", step);
    CHECK(std::bit_cast<std::uint64_t>(values[i]) == std::bit_cast<std::uint64_t>(s(step)));
  }
}

}  // namespace

TEST_CASE("fill returns on a phase that never ends and on a stride below the step's ulp") {
  check_fill(compile("warmup(10) >> stable()"), 0, 1, 12);
  check_fill(compile("warmup(10) >> cosine()", 1e6), 20, 1e-15, 100);
  check_fill(compile("warmup(10) >> cosine()", 1e6), 0, 1e300, 10);
}

TEST_CASE("sgdr finds its cycle at huge steps") {
  // ++cycle no longer changes a double above 2^53; τ·(mult − 1) overflows to +∞.
  for (const char* source : {"sgdr(period=1, mult=1e10)", "sgdr(period=10, mult=1.00000000000001)",
                             "sgdr(period=1, mult=2)"}) {
    INFO(std::string(source));
    const auto s = compile(source);
    for (const double step : {1e17, 1e300, std::numeric_limits<double>::max()}) {
      INFO("step ", step);
      const double value = s(step);
      CHECK(value >= 0.0);
      CHECK(value <= 1.0);
    }
  }
}

TEST_CASE("a zero factor times an overflowing one is zero, not NaN") {
  const auto s = compile("stable(1, at=0) >> exponential(2000, gamma=2) >> cosine(10)");
  for (const double step : {0.0, 1500.0, 2000.0, 2001.0, 2005.0, 2011.0}) {
    INFO("step ", step);
    CHECK(s(step) == 0.0);
  }
  check_fill(s, 0, 1, 2020);
  // exp_range at the bottom of its wave is `base`, although gamma^τ is +∞ there.
  const auto wave = compile("cyclic(4000, base=0.1, max=1, half=1000, mode=exp_range, gamma=2)");
  CHECK(wave(2000) == 0.1);
  CHECK(wave(0) == 0.1);
}

TEST_CASE("a phase that never ends is evaluated at step +∞, not held at a placeholder") {
  CHECK(compile("stable(at=0.5)")(inf) == 0.5);
  CHECK(compile("warmup(10) >> stable(at=0.25)")(inf) == 0.25);
  CHECK(compile("warmup(10) >> exponential(gamma=0.5)")(inf) == 0.0);
  CHECK(compile("exponential(gamma=2)")(inf) == inf);
  CHECK(compile("warmup(10) >> linear(from=1, to=0)", 100)(inf) == 0.0);  // ends at total
  CHECK(std::isnan(compile("warmup(10) >> stable(at=0.25)")(std::nan(""))));
}
