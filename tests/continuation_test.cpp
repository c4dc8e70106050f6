// tempo::continues (docs/lifecycle.md): bit-for-bit agreement before a step, the first step where
// two plans part and both values there, and how the steps were covered (proven or compared).
#include "tempo/continuation.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "tempo/compile.hpp"

namespace {

tempo::Schedule plan(const char* source, std::optional<double> total = std::nullopt) {
  tempo::Options options;
  options.total = total;
  return tempo::compile(source, options);
}

}  // namespace

TEST_CASE("continues: a WSD run extended by a larger total continues until the old decay") {
  const auto old_run = plan("warmup(2000) >> stable() >> decay(10000)", 100000);
  const auto longer = plan("warmup(2000) >> stable() >> decay(10000)", 200000);
  const auto c = tempo::continues(old_run, longer, 90000);
  CHECK(c.continues);
  CHECK(c.proven == 90000);  // warmup is the same phase, stable the same constant
  CHECK(c.compared == 0);
  // decay starts at the level, so step 90000 still agrees; 90001 is the first step that does not
  const auto past = tempo::continues(old_run, longer, 100000);
  CHECK_FALSE(past);
  CHECK(past.step == 90001);
  CHECK(past.old_value == 1.0 - 1.0 / 10000);
  CHECK(past.new_value == 1.0);
}

TEST_CASE("continues: phases appended after the current step continue an open-ended trunk") {
  const auto trunk = plan("warmup(2000) >> stable()");
  const auto ended = plan("warmup(2000) >> stable(50000) >> cosine(10000)");
  CHECK(tempo::continues(trunk, ended, 52001));
  const auto c = tempo::continues(trunk, ended, 1e6);
  CHECK(c.step == 52001);
  CHECK(c.old_value == 1.0);
  CHECK(c.new_value == (1.0 + std::cos(M_PI / 10000)) / 2);
}

TEST_CASE("continues: a changed warmup does not continue; the first step and both values") {
  const auto c = tempo::continues(plan("warmup(2000) >> cosine()", 100000),
                                  plan("warmup(1000) >> cosine()", 100000), 50000);
  CHECK_FALSE(c);
  CHECK(c.step == 1);
  CHECK(c.old_value == 1.0 / 2000);
  CHECK(c.new_value == 1.0 / 1000);
  CHECK(c.compared == 2);
}

TEST_CASE("continues: the same plan spelled differently is proven equal without evaluating") {
  const auto c =
      tempo::continues(plan("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", 100000),
                       plan("w = warmup(2k)\nw >> stable(90%) >> cosine(min = 0.1)", 100000), 1e9);
  CHECK(c.continues);
  CHECK(c.proven == 1e9);
  CHECK(c.compared == 0);
}

TEST_CASE("continues: plans of different structure and equal values are compared step by step") {
  const auto plain = plan("warmup(100) >> cosine(100)");
  const auto capped = plan("min(warmup(100) >> cosine(100), 2)");
  const auto c = tempo::continues(plain, capped, 10000);
  CHECK(c.continues);
  CHECK(c.compared + c.proven == 10000);
  CHECK(c.compared >= 200);
  const auto lower = plan("min(warmup(100) >> cosine(100), 0.75)");
  const auto d = tempo::continues(plain, lower, 10000);
  CHECK(d.step == 76);  // 76/100 is the first warmup value above 0.75
  CHECK(d.old_value == 0.76);
  CHECK(d.new_value == 0.75);
}

TEST_CASE("continues: until is rounded up, and nothing before step 0 is compared") {
  const auto a = plan("warmup(10)"), b = plan("warmup(20)");
  CHECK(tempo::continues(a, b, 0).continues);
  CHECK(tempo::continues(a, b, -5).continues);
  CHECK(tempo::continues(a, b, std::nan("")).continues);
  CHECK(tempo::continues(a, b, 0.5).continues);  // step 0: both 0
  CHECK(tempo::continues(a, b, 1.5).step == 1);
}

TEST_CASE("continues: bits, not numbers: a NaN equals the same NaN") {
  const auto c =
      tempo::continues(plan("sqrt(warmup(10) - 0.5)"), plan("min(sqrt(warmup(10) - 0.5), 2)"), 20);
  CHECK(c.continues);
  CHECK(c.compared == 20);
}
