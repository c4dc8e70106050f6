// plateau (LANGUAGE.md §10.9): PyTorch's ReduceLROnPlateau over the host's observations. The
// scenarios are those of torch 1.13's own tests (test/test_optim.py, test_reduce_lr_on_plateau1
// to 8), with their expected values; torch's step(metrics[e]) at epoch e is an observation at
// step e, and the learning rate it leaves is the schedule's value at step e + 1.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "support.hpp"
#include "tempo/compile.hpp"
#include "tempo/observations.hpp"

namespace {

using tempo::testing::close;

std::string first_error(const std::string& source) {
  const auto result = tempo::try_compile(source);
  return result.diagnostics.empty() ? std::string() : result.diagnostics.front().message;
}

tempo::Observations at_epochs(const std::vector<double>& metrics, const char* name = "loss") {
  tempo::Observations record;
  for (std::size_t e = 0; e < metrics.size(); ++e)
    record.add(static_cast<double>(e), name, metrics[e]);
  return record;
}

// The value after each of torch's steps, and before the first.
void check_torch(const std::string& source, const std::vector<double>& metrics,
                 const std::vector<double>& targets) {
  const auto lr = tempo::compile(source).bind(at_epochs(metrics));
  CHECK(lr(0) == 0.5);
  for (std::size_t e = 0; e < targets.size(); ++e) {
    INFO(source, " epoch ", e);
    CHECK(close(lr(static_cast<double>(e + 1)), targets[e]));
  }
}

std::vector<double> repeated(std::initializer_list<std::pair<double, int>> runs) {
  std::vector<double> out;
  for (const auto& [value, count] : runs)
    out.insert(out.end(), static_cast<std::size_t>(count), value);
  return out;
}

}  // namespace

TEST_CASE("plateau: torch's scenarios 1-2, mode min with an absolute threshold") {
  std::vector<double> slow, slower;
  for (int i = 0; i < 20; ++i) slow.push_back(10 - i * 0.0167);
  for (int i = 0; i < 22; ++i) slower.push_back(10 - i * 0.0165);
  check_torch(
      "plateau(from=0.5, threshold_mode=abs, mode=min, threshold=0.01, patience=5, cooldown=5)",
      slow, repeated({{0.5, 20}}));
  check_torch(
      "plateau(from=0.5, patience=5, cooldown=0, threshold_mode=abs, mode=min, threshold=0.1)",
      slower, repeated({{0.5, 6}, {0.05, 7}, {0.005, 7}, {0.0005, 2}}));
}

TEST_CASE("plateau: torch's scenarios 3-5, mode max, absolute and relative, with cooldown") {
  check_torch("plateau(from=0.5, mode=max, patience=5, cooldown=5, threshold_mode=abs)",
              repeated({{-0.8, 2}, {-0.234, 20}}),
              repeated({{0.5, 2 + 6}, {0.05, 5 + 6}, {0.005, 4}}));
  std::vector<double> growing, creeping;
  for (int i = 0; i < 20; ++i) growing.push_back(1.5 * std::pow(1.025, i));
  for (int i = 0; i < 20; ++i) creeping.push_back(1.5 * std::pow(1.005, i));
  check_torch("plateau(from=0.5, mode=max, patience=3, threshold_mode=rel, threshold=0.1)", growing,
              repeated({{0.5, 20}}));
  check_torch(
      "plateau(from=0.5, mode=max, threshold_mode=rel, threshold=0.1, patience=5, cooldown=5)",
      creeping, repeated({{0.5, 6}, {0.05, 5 + 6}, {0.005, 4}}));
}

TEST_CASE("plateau: torch's scenarios 6-8, mode min relative, and min (min_lr)") {
  std::vector<double> falling, creeping;
  for (int i = 0; i < 20; ++i) falling.push_back(1.5 * std::pow(0.85, i));
  for (int i = 0; i < 20; ++i) creeping.push_back(1.5 * std::pow(1.005, i));
  check_torch("plateau(from=0.5, mode=min, threshold_mode=rel, threshold=0.1)", falling,
              repeated({{0.5, 20}}));
  check_torch(
      "plateau(from=0.5, mode=min, threshold_mode=rel, threshold=0.1, patience=5, cooldown=5)",
      repeated({{1, 7}, {0.6, 1}, {0.5, 12}}), repeated({{0.5, 6}, {0.05, 5 + 6}, {0.005, 4}}));
  // min_lr=[0.4, 0.3]: one schedule per parameter group.
  check_torch(
      "plateau(from=0.5, mode=max, threshold_mode=rel, min=0.4, threshold=0.1, patience=5, "
      "cooldown=5)",
      creeping, repeated({{0.5, 6}, {0.4, 14}}));
  check_torch(
      "plateau(from=0.5, mode=max, threshold_mode=rel, min=0.3, threshold=0.1, patience=5, "
      "cooldown=5)",
      creeping, repeated({{0.5, 6}, {0.3, 14}}));
}

TEST_CASE("plateau: patience 0 reduces at every observation that does not improve") {
  // Re-derived from the formula: 1 improves on inf; 1 again is not < 1·(1 − 1e-4): with no
  // patience, reduce (0.05), and again (0.005); 0.5 improves; 0.5 again: reduce (0.0005).
  check_torch("plateau(from=0.5, patience=0)", {1, 1, 1, 0.5, 0.5},
              {0.5, 0.05, 0.005, 0.005, 0.0005});
}

TEST_CASE("plateau: eps skips a reduction smaller than it, and min stops the value") {
  // From 1e-8, a reduction by half is 5e-9 < eps = 1e-8: skipped, the value stays.
  const auto tiny =
      tempo::compile("plateau(from=1e-8, factor=0.5, patience=0)").bind(at_epochs({1, 1, 1, 1}));
  for (double step = 0; step <= 4; ++step) CHECK(tiny(step) == 1e-8);
  // With eps = 0 the same reductions happen: 1e-8, 5e-9, 2.5e-9, 1.25e-9.
  const auto none = tempo::compile("plateau(from=1e-8, factor=0.5, patience=0, eps=0)")
                        .bind(at_epochs({1, 1, 1, 1}));
  CHECK(none(1) == 1e-8);
  CHECK(none(2) == 5e-9);
  CHECK(none(4) == 1.25e-9);
  // min: 1 → 0.1 → max(0.01, 0.05) = 0.05, then 0.05 − 0.05 = 0 is not > eps: held.
  const auto floor =
      tempo::compile("plateau(patience=0, min=0.05)").bind(at_epochs({1, 1, 1, 1, 1}));
  CHECK(close(floor(2), 0.1));
  CHECK(close(floor(3), 0.05));
  CHECK(close(floor(5), 0.05));
}

TEST_CASE("plateau: an observation at s decides the values after s, fractional steps too") {
  tempo::Observations record;
  record.add(0, "loss", 1);
  record.add(10, "loss", 1);  // patience 0: reduces, for steps > 10
  const auto lr = tempo::compile("plateau(patience=0)").bind(record);
  CHECK(lr(10) == 1);
  CHECK(lr(std::nextafter(10.0, 11.0)) == 0.1);
  CHECK(lr(10.5) == 0.1);
  CHECK(lr(11) == 0.1);
  std::vector<double> filled(4);
  lr.fill(9.5, filled, 0.5);  // 9.5, 10, 10.5, 11
  CHECK(filled == std::vector<double>{1, 1, 0.1, 0.1});
}

TEST_CASE("plateau: several observations at one step are taken in the order reported") {
  tempo::Observations record;
  record.add(5, "loss", 1);
  record.add(5, "loss", 1);  // patience 0: reduces
  record.add(5, "loss", 1);  // and again
  record.add(3, "loss", 2);  // reported late, but it is the first by step
  const auto lr = tempo::compile("plateau(patience=0)").bind(record);
  CHECK(lr(3) == 1);
  CHECK(lr(4) == 1);  // 2 at step 3 improves on inf
  CHECK(lr(5) == 1);
  CHECK(close(lr(6), 0.01));  // 1 improves on 2, then 1, 1 do not: two reductions after step 5
  const auto metrics = record.metrics();
  CHECK(metrics == std::vector<std::string>{"loss"});
}

TEST_CASE("plateau: no record, or no observation of its metric, holds the start value") {
  const auto lr = tempo::compile("warmup(100) >> plateau(factor=0.5, metric=val_loss)");
  CHECK(lr.metrics() == std::vector<std::string>{"val_loss"});
  CHECK(lr(50) == 0.5);
  CHECK(lr(1e9) == 1);
  const auto bound = lr.bind(at_epochs({1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, "loss"));
  CHECK(bound(1e9) == 1);  // `loss` is not its metric
  CHECK(tempo::compile("cosine(100)").metrics().empty());
}

TEST_CASE("plateau after a warmup: earlier observations are not its own") {
  // warmup(1000) >> plateau(factor=0.5, patience=3): observations during the warmup count for
  // nothing; from 1000 on, a flat loss reduces after patience + 1 = 4 observations.
  const auto lr = tempo::compile("warmup(1000) >> plateau(factor=0.5, patience=3)");
  tempo::Observations record;
  for (double step = 0; step < 1000; step += 100) record.add(step, "loss", 5);  // flat: ignored
  for (double step = 1000; step <= 2000; step += 100) record.add(step, "loss", 3);
  const auto bound = lr.bind(record);
  CHECK(bound(500) == 0.5);
  CHECK(bound(1000) == 1);
  // 1000 improves (best inf); 1100, 1200, 1300 bad 1-3; 1400 bad 4 > 3: reduce after 1400.
  CHECK(bound(1400) == 1);
  CHECK(bound(1401) == 0.5);
  // bad restarts: 1500-1800 → reduce after 1800, 1900-2000 only two more.
  CHECK(bound(1800) == 0.5);
  CHECK(bound(1801) == 0.25);
  CHECK(bound(1e6) == 0.25);
}

TEST_CASE("plateau before a cosine: the cosine starts from the level it reached") {
  tempo::Options options;
  options.total = 10000;
  const auto lr =
      tempo::compile("warmup(1000) >> plateau(factor=0.5, patience=3) >> cosine(2000)", options);
  REQUIRE(lr.phases().size() == 3);
  CHECK(lr.phases()[1].end == 8000);  // elastic: it fills what the others leave
  CHECK(close(lr(9000), 0.5));        // unbound: the cosine from 1
  tempo::Observations record;
  for (double step = 1000; step < 9000; step += 500) record.add(step, "loss", 1);
  const auto bound = lr.bind(record);
  // Flat from 1000: the first observation improves on inf, then every 4th is one too many for
  // patience 3: reductions after 3000, 5000 and 7000 ...
  CHECK(bound(3000) == 1);
  CHECK(bound(3001) == 0.5);
  CHECK(bound(5000) == 0.5);
  CHECK(bound(5001) == 0.25);
  CHECK(bound(7001) == 0.125);
  // ... and the observations from 8000 on are the cosine's, not the plateau's.
  CHECK(bound(8000) == 0.125);
  CHECK(close(bound(9000), 0.0625));  // half way down the cosine from 0.125
  CHECK(bound(10000) == 0);
  CHECK(bound.phases()[1].end_value == 0.125);
  CHECK(bound.source() == lr.source());
}

TEST_CASE("plateau: a saved and restored record resumes the uninterrupted run") {
  const auto lr = tempo::compile(
      "warmup(10) >> plateau(60, factor=0.5, patience=2, cooldown=1) >> "
      "stable()");
  tempo::Observations full;
  std::vector<double> losses = {3, 2.5, 2.5, 2.5, 2.5, 2.4999, 2.4, 2.4, 2.4, 2.4, 2.4, 1 / 3.0};
  for (std::size_t i = 0; i < losses.size(); ++i)
    full.add(10 + 7.0 * static_cast<double>(i), "loss", losses[i]);
  // Interrupted after the 6th observation, saved, restored, and continued.
  tempo::Observations first;
  for (std::size_t i = 0; i < 6; ++i)
    first.add(full.entries()[i].step, "loss", full.entries()[i].value);
  const std::string saved = first.to_csv();
  auto resumed = tempo::Observations::from_csv(saved);
  CHECK(resumed == first);
  for (std::size_t i = 6; i < losses.size(); ++i)
    resumed.add(full.entries()[i].step, "loss", losses[i]);
  CHECK(resumed == full);
  const auto a = lr.bind(full), b = lr.bind(resumed);
  for (double step = 0; step < 120; step += 0.5) CHECK(a(step) == b(step));
  // 3, 2.5 improve; 2.5 at 24, 31, 38 do not: the third is one too many for patience 2, halve
  // after 38; 2.4999 (45) is not 1e-4 better than 2.5 and falls in the cooldown; 2.4 (52)
  // improves, then 59 and 66 are within patience; 73 is past the phase.
  CHECK(a(38) == 1);
  CHECK(a(39) == 0.5);
  CHECK(a(1e6) == 0.5);
  // The text form round-trips every double exactly.
  tempo::Observations odd;
  odd.add(0.1, "loss", 1 / 3.0);
  odd.add(1e17, "acc", -0.0);
  odd.add(3, "loss", 5e-324);
  CHECK(tempo::Observations::from_csv(odd.to_csv()) == odd);
  CHECK(odd.to_csv() ==
        "step,name,value\n0.1,loss,0.3333333333333333\n1e+17,acc,-0\n3,loss,5e-324\n");
}

TEST_CASE("plateau: a bound schedule fills as it evaluates, and is safe across threads") {
  const auto lr = tempo::compile("warmup(100) >> plateau(400, patience=1) >> linear(200)");
  tempo::Observations record;
  for (int i = 0; i < 40; ++i) record.add(100 + 10 * i, "loss", 1 + (i % 7 == 0 ? -0.01 * i : 0));
  const auto bound = lr.bind(record);
  std::vector<double> steps, filled(1000);
  for (int i = 0; i < 1000; ++i) steps.push_back(0.75 * i);
  bound.fill(0, filled, 0.75);
  for (std::size_t i = 0; i < steps.size(); ++i) CHECK(filled[i] == bound(steps[i]));
  CHECK(tempo::testing::mismatches_across_threads(bound, steps) == 0);
}

TEST_CASE("plateau: needs no total in last position, nor does inv_time (§10.10)") {
  CHECK(first_error("warmup(100) >> plateau(factor=0.5)").empty());
  CHECK(first_error("warmup(100) >> inv_time(scale=100)").empty());
  CHECK(first_error("plateau() >> cosine(10)") ==
        "`plateau()` is elastic but not last, so its length needs total");
}

TEST_CASE("plateau: its arguments' errors") {
  CHECK(first_error("plateau(factor=1)") == "`factor` must be between 0 and 1 (exclusive), got 1");
  CHECK(first_error("plateau(factor=0)") == "`factor` must be between 0 and 1 (exclusive), got 0");
  CHECK(first_error("plateau(patience=-1)") == "`patience` must be ≥ 0, got -1");
  CHECK(first_error("plateau(patience=2.5)") == "`patience` must be a whole number, got 2.5");
  CHECK(first_error("plateau(cooldown=-2)") == "`cooldown` must be ≥ 0, got -2");
  CHECK(first_error("plateau(threshold=-0.1)") == "`threshold` must be ≥ 0, got -0.1");
  CHECK(first_error("plateau(eps=-1)") == "`eps` must be ≥ 0, got -1");
  CHECK(first_error("plateau(mode=mean)") == "`mode` must be one of min, max, not `mean`");
  CHECK(first_error("plateau(threshold_mode=relative)") ==
        "`threshold_mode` must be one of rel, abs, not `relative`");
  CHECK(first_error("plateau(metric=1)") == "`metric` takes a name, such as metric=val_loss");
  CHECK(first_error("plateau(metric=(loss))") == "`metric` takes a name, such as metric=val_loss");
}

TEST_CASE("Observations: misuse is reported") {
  tempo::Observations record;
  CHECK_THROWS_WITH(record.add(NAN, "loss", 1),
                    "an observation's step must be a finite number, got nan");
  CHECK_THROWS_WITH(record.add(1, "val/loss", 1),
                    "a metric name is an identifier (letters, digits and _, not starting with a "
                    "digit), got `val/loss`");
  CHECK_THROWS_WITH(tempo::Observations::from_csv("step,name,value\n1,loss\n"),
                    "line 2, column 1: expected three fields: step,name,value");
  CHECK_THROWS_WITH(tempo::Observations::from_csv("1,loss,2\n2,loss,x2\n"),
                    "line 2, column 8: the value must be a number, got `x2`");
  CHECK_THROWS_WITH(tempo::Observations::from_csv("1,2loss,2\n"),
                    "line 1, column 3: the metric name must be an identifier, got `2loss`");
  CHECK_THROWS_WITH(tempo::Observations::from_csv("inf,loss,2\n"),
                    "line 1, column 1: the step must be a finite number, got `inf`");
  CHECK_THROWS_WITH(tempo::Observations::from_csv("1,loss,2,3\n"),
                    "line 1, column 9: more than three fields");
  // Blank lines, comments and \r\n line ends are fine; NaN values count as no improvement.
  const auto read = tempo::Observations::from_csv("# saved\r\n\r\n1,loss,nan\r\n2,loss,1\r\n");
  REQUIRE(read.size() == 2);
  CHECK(std::isnan(read.entries()[0].value));
  CHECK(read == tempo::Observations::from_csv(read.to_csv()));
}
