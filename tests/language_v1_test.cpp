// The version 1 additions of the language (LANGUAGE.md §10), each at its boundaries.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "support.hpp"
#include "tempo/compile.hpp"

namespace {

using tempo::testing::close;

tempo::Schedule compile(const std::string& source, std::optional<double> total = std::nullopt) {
  tempo::Options options;
  options.total = total;
  return tempo::compile(source, options);
}

std::string first_error(const std::string& source, std::optional<double> total = std::nullopt) {
  tempo::Options options;
  options.total = total;
  const auto result = tempo::try_compile(source, options);
  return result.diagnostics.empty() ? std::string() : result.diagnostics.front().message;
}

}  // namespace

TEST_CASE("take(d, s): an elastic s fills d, and a decay branches off it (§10.4)") {
  const auto s = compile("take(40k, warmup(2000) >> stable()) >> decay(10%, shape=sqrt)", 100000);
  CHECK(s(1000) == 0.5);
  CHECK(s(39999) == 1);
  CHECK(s(40000) == 1);
  CHECK(close(s(45000), 1 - std::sqrt(0.5)));
  CHECK(s(50000) == 0);
  CHECK(s(1e6) == 0);
  REQUIRE(s.phases().size() == 3);
  CHECK(s.phases()[1].name == "stable()");
  CHECK(s.phases()[1].end == 40000);
  // Every step before the branch is the trunk's, bit for bit.
  const auto trunk = compile("warmup(2000) >> stable()");
  for (double step = 0; step < 40000; step += 97) CHECK(s(step) == trunk(step));
}

TEST_CASE("take(d, s): a longer s is cut, and ends at its limit from below") {
  const auto s = compile("take(4000, cosine(5000)) >> stable()", 10000);
  const double limit = (1 + std::cos(std::numbers::pi * 0.8)) / 2;
  CHECK(close(s(3000), (1 + std::cos(std::numbers::pi * 0.6)) / 2));
  CHECK(close(s(4000), limit));
  CHECK(close(s(9000), limit));
  CHECK(close(s.phases()[0].end_value, limit));
  CHECK(s.phases()[0].name == "take(4000, cosine(5000))");
  // At a stair boundary the limit from below is the stair before it.
  const auto stairs = compile("take(90, staircase(300, every=30, gamma=0.5)) >> linear(10)");
  CHECK(stairs(89) == 0.25);
  CHECK(stairs(90) == 0.25);
  CHECK(stairs(95) == 0.125);
}

TEST_CASE("take(d, s): a shorter s holds its end value up to d") {
  const auto s = compile("take(100, warmup(10)) >> linear(10)");
  CHECK(s(5) == 0.5);
  CHECK(s(50) == 1);
  CHECK(s(99) == 1);
  CHECK(s(105) == 0.5);
  CHECK(s(110) == 0);
}

TEST_CASE("take(d, s): misuse") {
  CHECK(first_error("take(warmup(10))") == "`take` needs the argument `s`");
  CHECK(first_error("take(-1, warmup(10))") == "`d` must be ≥ 0 steps, got -1");
  CHECK(first_error("take(10, [1, 2])") == "`s` must be a schedule, not a list");
  CHECK(first_error("take(s=warmup(10))") == "`take` needs the argument `d`");
}
