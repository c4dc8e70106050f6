// `tempo plot`'s library: sampling keeps every jump (each column's extremes are those of every
// step under it), ticks are round and labelled in human units, and the renderers draw what the
// frame says. The SVG in a real browser is tests/plot_browser.cpp.
#include "../bindings/plot/plot.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "support.hpp"
#include "tempo/compile.hpp"

using tempo::plot::Column;

namespace {

tempo::Schedule compiled(const char* source, double total = 0) {
  tempo::Options options;
  if (total > 0) options.total = total;
  return tempo::compile(source, options);
}

// The columns computed the slow way: operator() at every integer step.
std::vector<Column> brute_force(const tempo::Schedule& s, long from, long to, long count) {
  std::vector<Column> out;
  const long steps = to - from + 1;
  for (long c = 0; c < count; ++c) {
    Column col;
    long lo_at = 0, hi_at = 0;
    for (long step = from + steps * c / count; step < from + steps * (c + 1) / count; ++step) {
      const double v = s(static_cast<double>(step));
      if (col.empty) {
        col = {v, v, v, v, true, false};
        lo_at = hi_at = step;
      }
      col.last = v;
      if (v < col.lo) col.lo = v, lo_at = step;
      if (v > col.hi) col.hi = v, hi_at = step;
    }
    col.lo_first = lo_at <= hi_at;
    out.push_back(col);
  }
  return out;
}

}  // namespace

TEST_CASE("human units: magnitudes k, M, B, T and small values in e-notation") {
  using tempo::plot::human;
  CHECK(human(0) == "0");
  CHECK(human(250) == "250");
  CHECK(human(2000) == "2k");
  CHECK(human(1.5e6) == "1.5M");
  CHECK(human(3e9) == "3B");
  CHECK(human(14.8e12) == "14.8T");
  CHECK(human(-20000) == "-20k");
  CHECK(human(999999.6) == "1M");
  CHECK(human(0.25) == "0.25");
  CHECK(human(0.6000000000000001) == "0.6");
  CHECK(human(3e-4) == "3e-4");
  CHECK(human(1.5e-5) == "1.5e-5");
  CHECK(human(0.00015000000000000001) == "1.5e-4");
  CHECK(human(9.9996e-5) == "1e-4");
}

TEST_CASE("nice ticks are 1, 2, 2.5 or 5 times a power of ten") {
  using tempo::plot::nice_ticks;
  const auto unit = nice_ticks(0, 1, 5, true);
  REQUIRE(unit.size() == 6);
  for (std::size_t i = 0; i < unit.size(); ++i) CHECK(tempo::testing::close(unit[i], 0.2 * i));
  CHECK(nice_ticks(0, 100000, 5, false) ==
        std::vector<double>{0, 20000, 40000, 60000, 80000, 100000});
  // Inside the range only, or covering it.
  CHECK(nice_ticks(150, 950, 4, false) == std::vector<double>{200, 400, 600, 800});
  CHECK(nice_ticks(150, 950, 4, true) == std::vector<double>{0, 200, 400, 600, 800, 1000});
  const auto lr = nice_ticks(3e-5, 3e-4, 5, true);
  REQUIRE(lr.size() == 7);
  CHECK(tempo::testing::close(lr[1], 5e-5));
  CHECK(tempo::testing::close(lr.back(), 3e-4));
  CHECK(nice_ticks(0, 0.3, 3, true).size() == 4);  // 0, 0.1, 0.2, 0.3 and no 0.4
}

TEST_CASE("log ticks: the decades, with 2x and 5x marks when there are few") {
  using tempo::plot::log_ticks;
  const std::vector<double> want{1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3};
  const auto narrow = log_ticks(3e-6, 3e-4);
  REQUIRE(narrow.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) CHECK(tempo::testing::close(narrow[i], want[i]));
  const auto wide = log_ticks(1e-8, 1);
  CHECK(wide.size() == 9);
  CHECK(tempo::testing::close(wide.front(), 1e-8));
  CHECK(wide.back() == 1);
}

TEST_CASE("each column holds first, last, min and max of every integer step under it") {
  const char* sources[] = {
      "sgdr(1000, period=100)",
      "staircase(1000, every=10, gamma=0.5)",
      "multistep(1000, at=[333, 334, 667], gamma=0.1)",
      "warmup(100) >> stable(250) >> 0.1 * cosine(min=0.1)",
      "cyclic(1000, base=0.1, max=1, half=37)",
  };
  for (const char* source : sources) {
    CAPTURE(source);
    const tempo::Schedule s = compiled(source, 1000);
    for (long count : {1, 7, 64, 1000}) {
      CAPTURE(count);
      const auto got = tempo::plot::sample(s, 0, 999, count);
      const auto want = brute_force(s, 0, 999, count);
      REQUIRE(got.size() == want.size());
      for (std::size_t c = 0; c < got.size(); ++c) {
        CAPTURE(c);
        CHECK(got[c].first == want[c].first);
        CHECK(got[c].last == want[c].last);
        CHECK(got[c].lo == want[c].lo);
        CHECK(got[c].hi == want[c].hi);
        CHECK(got[c].lo_first == want[c].lo_first);
      }
    }
  }
}

TEST_CASE("a restart inside a column reaches the column's extremes") {
  // sgdr restarts every 100 steps; each column of 250 steps holds two restarts.
  const tempo::Schedule s = compiled("sgdr(1000, period=100)");
  const auto columns = tempo::plot::sample(s, 0, 999, 4);
  for (const Column& c : columns) {
    CHECK(c.hi == 1);
    CHECK(c.lo == s(99));  // the last step of a cycle, just before the restart
  }
  // A staircase's first column falls from 1 to 0.25 in three stairs.
  const auto stairs =
      tempo::plot::sample(compiled("staircase(100, every=10, gamma=0.5)"), 0, 99, 4);
  CHECK(stairs[0].first == 1);
  CHECK(stairs[0].last == 0.25);
  CHECK(stairs[0].lo == 0.25);
  CHECK(stairs[0].hi == 1);
  CHECK_FALSE(stairs[0].lo_first);
}

TEST_CASE("fewer steps than columns: one point per column at its own step") {
  const tempo::Schedule s = compiled("warmup(4)");
  const auto columns = tempo::plot::sample(s, 0, 4, 9);
  for (int c = 0; c < 9; ++c) {
    CHECK(columns[c].first == s(c * 0.5));
    CHECK(columns[c].lo == columns[c].hi);
  }
}

TEST_CASE("past the exact-step limit, columns are sampled but no phase boundary is missed") {
  // A one-step spike at step 500,000,001 of two billion steps: dense samples alone would
  // step over it, the phase boundaries catch it.
  const tempo::Schedule s =
      compiled("stable(500_000_001, at=0) >> stable(1, at=1) >> stable(at=0)", 2e9);
  REQUIRE(2e9 > tempo::plot::exact_step_limit);
  const auto columns = tempo::plot::sample(s, 0, 2e9 - 1, 4);
  CHECK(columns[0].hi == 0);
  CHECK(columns[1].hi == 1);
  CHECK(columns[1].first == 0);
  CHECK(columns[1].last == 0);
  CHECK(columns[2].hi == 0);
}

TEST_CASE("the frame rounds the value axis out to ticks; a log axis drops values <= 0") {
  tempo::plot::Request request;
  request.series.push_back({"lr", compiled("3e-4 * (warmup(2000) >> cosine(min=0.1))", 10000)});
  request.from = 0;
  request.to = 10000;
  std::vector<std::vector<Column>> samples{
      tempo::plot::sample(request.series[0].schedule, 0, 10000, 100)};
  const auto frame = tempo::plot::make_frame(request, samples, 5, 5);
  CHECK(frame.y_from == 0);
  CHECK(tempo::testing::close(frame.y_to, 3e-4));
  CHECK(frame.x_ticks == std::vector<double>{0, 2000, 4000, 6000, 8000, 10000});
  request.log = true;
  const auto log = tempo::plot::make_frame(request, samples, 5, 5);
  CHECK(log.y_from == doctest::Approx(1e-5).epsilon(1e-12));
  CHECK(log.y_to == doctest::Approx(1e-3).epsilon(1e-12));
  CHECK(std::isnan(log.y_fraction(0)));
  CHECK(log.y_fraction(1e-4) == doctest::Approx(0.5).epsilon(1e-12));
}
