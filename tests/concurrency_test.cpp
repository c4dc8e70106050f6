// Concurrency: one schedule evaluated and filled from several threads, schedules compiled on
// several threads at once, and Lua-scripted phases loaded and evaluated from several threads
// (one state per script and thread). Each checks its values against a single-threaded run; the
// `tsan` preset runs these cases under ThreadSanitizer (.ci/run), which reports any data race.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "support.hpp"
#include "tempo/compile.hpp"
#include "tempo/lua.hpp"

namespace {

constexpr int threads = 4;

const char* sources[] = {
    "warmup(2000) >> stable(0.9) >> cosine(min=0.1)",
    "0.5 * (warmup(100, shape=exp, from=0.01) >> decay(min=0.01, shape=poly, power=2))",
    "interp([0, 1], [100, 0.5], [300, 0]) >> cyclic(base=0.1, max=1, half=25, mode=triangular2)",
    "repeat(cosine(50), 3) >> sgdr(period=100, mult=2, decay=0.5)",
    "min(onecycle(max=0.5), 0.3) + 0.01 * staircase(every=30, gamma=0.5)",
};

std::vector<double> steps() {
  std::vector<double> out;
  for (int i = 0; i < 2000; ++i) out.push_back(i * 53.5);
  return out;
}

// Runs `work(k)` on `threads` threads at once; the number of mismatches they report.
template <typename Work>
int on_threads(Work work) {
  std::atomic<int> mismatches{0};
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k) pool.emplace_back([&, k] { mismatches += work(k); });
  for (auto& t : pool) t.join();
  return mismatches;
}

tempo::Options with_total() {
  tempo::Options options;
  options.total = 100000;
  return options;
}

}  // namespace

TEST_CASE("concurrency: one schedule evaluated from several threads") {
  for (const char* source : sources) {
    CAPTURE(source);
    CHECK(tempo::testing::mismatches_across_threads(tempo::compile(source, with_total()), steps(),
                                                    threads) == 0);
  }
}

TEST_CASE("concurrency: one schedule filled from several threads") {
  for (const char* source : sources) {
    CAPTURE(source);
    const auto s = tempo::compile(source, with_total());
    std::vector<double> expected(3000);
    s.fill(-10, expected, 37.5);
    CHECK(on_threads([&](int) {
            std::vector<double> out(expected.size());
            s.fill(-10, out, 37.5);
            return out == expected ? 0 : 1;
          }) == 0);
  }
}

TEST_CASE("concurrency: schedules compiled on several threads at once") {
  std::vector<std::vector<double>> expected;
  for (const char* source : sources) {
    const auto s = tempo::compile(source, with_total());
    std::vector<double> values;
    for (double step : steps()) values.push_back(s(step));
    expected.push_back(values);
  }
  CHECK(on_threads([&](int k) {
          int mismatches = 0;
          for (int round = 0; round < 20; ++round) {
            const std::size_t i = static_cast<std::size_t>(k + round) % std::size(sources);
            const auto s = tempo::compile(sources[i], with_total());
            std::size_t j = 0;
            for (double step : steps()) mismatches += s(step) != expected[i][j++];
            // What the CLI and the bindings read, made on each thread as well.
            mismatches += s.source().empty() || s.phases().empty();
          }
          return mismatches;
        }) == 0);
}

TEST_CASE("concurrency: Lua-scripted phases loaded and evaluated from several threads") {
  const std::string script = R"(
    local calls = 0
    return {
      rex = {params = {k = 0.5, min = 0}, fn = function(p, t, len, level, args)
        local z = 1 - p
        return args.min + (level - args.min) * z / (1 - args.k + args.k * z)
      end},
      wave = function(p, t) calls = calls + 1 return 0.5 + 0.5 * math.cos(math.pi * p) end,
    }
  )";
  std::string error;
  tempo::Options options = with_total();
  options.phases = tempo::lua::load_phases(script, "shapes.lua", error);
  REQUIRE(error.empty());
  const auto shared = tempo::compile("warmup(100) >> rex(50000, k=0.7) >> wave()", options);
  CHECK(tempo::testing::mismatches_across_threads(shared, steps(), threads) == 0);
  std::vector<double> expected;
  for (double step : steps()) expected.push_back(shared(step));
  // Each thread also loads the script and compiles its own schedule from it, at the same time.
  CHECK(on_threads([&](int) {
          std::string own_error;
          tempo::Options own = with_total();
          own.phases = tempo::lua::load_phases(script, "shapes.lua", own_error);
          if (!own_error.empty()) return 1;
          const auto s = tempo::compile("warmup(100) >> rex(50000, k=0.7) >> wave()", own);
          int mismatches = 0;
          std::size_t j = 0;
          for (double step : steps()) mismatches += s(step) != expected[j++];
          std::vector<double> filled(500);
          s.fill(0, filled, 200);
          for (std::size_t i = 0; i < filled.size(); ++i) mismatches += filled[i] != s(i * 200.0);
          return mismatches;
        }) == 0);
}
