// Evaluation at the edges: inputs that used to hang, overflow into NaN or return a placeholder
// (issue 14 items 1, 2, 7, 12). Each case is the reproducer of the report.
#include <doctest/doctest.h>

#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "../runtime/schedule_access.hpp"
#include "../runtime/tree.hpp"
#include "tempo/compile.hpp"

namespace {

// A host cannot wrap an evaluation tree of its own: a Schedule comes from tempo::compile and is
// copied from there (the constructor and tree() are internal, detail::ScheduleAccess).
static_assert(
    !std::is_constructible_v<tempo::Schedule, std::shared_ptr<const tempo::detail::Tree>>);
static_assert(std::is_copy_constructible_v<tempo::Schedule>);

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

TEST_CASE("fill from step 0 by 1 finds each run's end at fractional and integer starts") {
  // The steps are the indices there, and a run ends at ⌈start of the next segment⌉: phases
  // shorter than a step, ending on a step and between two.
  check_fill(compile("warmup((2.5)) >> linear((0.3), to=0.5) >> cosine((7.7)) >> "
                     "linear(3, to=1) >> stable((0.25)) >> cosine((1e-9)) >> linear((4.5))"),
             0, 1, 40);
  check_fill(compile("warmup((1e-300)) >> cosine(2^52 + 0.5)"), 0, 1, 64);
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

namespace {

std::string long_sequence(int phases) {
  std::string source = "warmup(10)";
  for (int i = 1; i < phases; ++i) source += i % 2 ? " >> cosine(7)" : " >> linear(13, to=0.5)";
  return source;
}

const char* const shapes[] = {
    "sgdr(period=70, mult=2, decay=0.8, min=0.01)",
    "warmup(100) >> sgdr(period=60, mult=1.5, min=0.1)",
    "warmup(100) >> sgdr(period=50, min=0.1, decay=0.9)",
    "0.5 * (warmup(10%) >> sgdr(period=70, mult=2))",
    "multistep(at=[10, 20, 30, (45.5), 60, 100, 200, 300, 400, 500, 600, 700, 800])",
    "warmup(37) >> multistep(at=[0, 100, (300.25)], gamma=0.5)",
    "staircase(every=30, gamma=0.7)",
    "warmup(13) >> staircase(every=(7.5), gamma=0.9) >> stable(0.1)",
    "cyclic(base=0.1, max=1, half=50)",
    "cyclic(base=0.1, max=1, half=50, mode=triangular2)",
    "cyclic(base=0.1, max=1, half=50, mode=exp_range, gamma=0.999)",
    "cyclic(base=0.1, max=1, up=30, down=70)",
    "warmup(5) >> cyclic(base=0.1, max=1, up=(12.5), down=40, mode=triangular2)",
    "cyclic(base=0.1, max=1, up=70, down=30, mode=exp_range, gamma=0.999)",
    "noam(d_model=512, warmup=100)",
    "warmup(50) >> inv_sqrt(scale=30)",
    "warmup(50) >> exponential(gamma=0.995)",
    "interp([0, 0], [10, 1], [50, 0.5], [70, 0.7], [90, 0.1], [100, 0.3], [200, 0.2], [300, 0.1], "
    "[400, 0.05], [900, 0])",
    "repeat(warmup(20) >> cosine(80), times=5) >> stable(0.1)",
    "onecycle(max=1)",
    "onecycle(max=1, three_phase=true, anneal=linear)",
    "curve(500, level * (1 - p)^2) >> multistep(at=[100, 300])",
    "min(1, 0.5 + warmup(200)) * (1 - 0.9 * linear(to=1, from=0))",
    "2 * (warmup(100) >> cosine()) + 0.01",
    // arithmetic split where its operands change, folded where it can be
    "max(0.1, 1 - linear(to=1, from=0))",
    "min(warmup(100), 0.5) * (warmup(50) >> cosine())",
    "(warmup(20) >> linear(30, to=0.2)) * (0.5 + linear(to=1, from=0)) * 2",
    "2 * (warmup(20) >> linear(30, to=0.2)) * (0.5 + linear(to=1, from=0))",
    "(warmup(20) >> linear(30, to=0.2)) * 2 * (0.5 + linear(to=1, from=0))",
    "max(warmup(100) >> cosine(), 0.3)",
    "min(0.7, max(0.2, warmup(100) >> linear(to=0)))",
    "clamp(cosine(), 0.2, 0.8)",
    "1 / (1 + warmup(50)) + 0.5 * linear(to=0)",
    "warmup(7) >> curve((93.5), level * (1 - p)^2 + step / 1000)",
    "warmup((7.5)) >> curve(50, (1 - p)^2) >> cosine()",
    "(warmup(30) >> cosine())^2",
    "repeat(warmup((2.5)) >> cosine((7.5)), times=4) >> stable(0.1)",
    "repeat(warmup(3) >> cosine((4.5)), times=3) >> cosine()",
    "warmup(10) >> repeat(min(0.8, warmup(20)) * linear(80, to=0.5), times=6)",
    // the kernels' short scalings (c1·b, b) and the full one where c1 < 0
    "3e-4 * (warmup(50) >> inv_sqrt(scale=30))",
    "-0.5 * cyclic(base=0, max=1, half=50, mode=triangular2)",
    "0.01 - 0.01 * (warmup(10) >> exponential(gamma=0.99))",
    "warmup(40) >> noam(300, d_model=64, warmup=40) >> poly(power=2)",
};

}  // namespace

// The tree walk of a schedule, with the edges of time Schedule::operator() gives it.
double walk(const tempo::Schedule& s, double step) {
  if (std::isnan(step)) return step;
  const auto& tree = tempo::detail::ScheduleAccess::tree(s);
  step = std::max(step, 0.0);
  return tree.value(tree.root, step, step);
}

TEST_CASE("the lowered form agrees with the tree bit for bit on every shape, and fill with it") {
  const auto same = [](double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) ||
           (std::isnan(a) && std::isnan(b));
  };
  std::vector<std::pair<std::string, double>> cases;
  for (const double total : {1000.0, 999.75, 10010.5}) {
    for (const char* source : shapes) cases.emplace_back(source, total);
  }
  for (const int phases : {9, 100, 1000}) cases.emplace_back(long_sequence(phases), 12000.0);
  for (const auto& [source, total] : cases) {
    tempo::Options options;
    options.total = total;
    {
      INFO(source.substr(0, 200), " total ", total);
      const auto lowered = tempo::compile(source, options);
      std::vector<double> steps = {-5, -0.0, 0.0, 0.25, 1e17, 1e300, inf, std::nan("")};
      for (double step = 0; step <= total + 100; step += 0.25) steps.push_back(step);
      for (double step = 0; step <= total + 100; step += 1) {
        steps.push_back(std::nextafter(step, -1.0));
        steps.push_back(std::nextafter(step, 1e9));
      }
      for (const double step : steps) {
        INFO("step ", step);
        REQUIRE(same(lowered(step), walk(lowered, step)));
      }
      for (const double stride : {1.0, 0.5, 3.0, 7.25, 1e-3}) {
        INFO("stride ", stride);
        std::vector<double> values(3000);
        lowered.fill(-20, values, stride);
        for (std::size_t i = 0; i < values.size(); ++i) {
          REQUIRE(same(values[i], lowered(-20 + static_cast<double>(i) * stride)));
        }
      }
    }
  }
}

namespace {

// A host phase that counts its calls: 1 − p, like a linear decay.
struct Counting final : tempo::ScriptedPhase {
  mutable std::atomic<int> calls{0};
  double evaluate(const tempo::ScriptedArgs& args) const noexcept override {
    ++calls;
    return 1.0 - args.p;
  }
};

}  // namespace

TEST_CASE("a host phase is called on its own steps only; the phases around it are kernels") {
  const auto phase = std::make_shared<Counting>();
  tempo::Options options;
  options.total = 1000;
  options.phases.push_back({"down", {}, phase, "test"});
  const auto s = tempo::compile("warmup(100) >> down(400) >> min(0.2, cosine())", options);
  phase->calls = 0;  // compiling evaluated it (its end value is the cosine's level)
  for (double step = 0; step < 100; ++step) CHECK(std::fabs(s(step) - step / 100) <= 1e-15);
  for (double step = 500; step <= 1200; step += 0.5) (void)s(step);
  std::vector<double> values(100);
  s.fill(0, values);
  s.fill(500, values, 3.0);
  CHECK(phase->calls == 0);
  CHECK(s(300) == 1.0 - 200.0 / 400.0);
  s.fill(98, values);  // 2 warmup steps, then 98 of the host phase
  CHECK(phase->calls == 1 + 98);
}

TEST_CASE(
    "min and max of a constant and a phase that never ends turn where they cross, however far") {
  // The crossing of min(1e30, t) is past any step a search starts from: the lowering must still
  // find it (it once kept t for every step).
  for (const char* source : {"curve(min(1e30, t))", "curve(max(-1e30, -t))", "curve(min(2, t))",
                             "curve(max(t, 1e300))"}) {
    INFO(source);
    const auto s = compile(source);
    for (const double step : {0.0, 1.0, 5.0, 1e29, 1e30, 1e31, 1e300, inf}) {
      INFO("step ", step);
      CHECK(std::bit_cast<std::uint64_t>(s(step)) == std::bit_cast<std::uint64_t>(walk(s, step)));
    }
  }
  CHECK(compile("curve(min(1e30, t))")(1e31) == 1e30);
  CHECK(compile("curve(max(-1e30, -t))")(inf) == -1e30);
}

TEST_CASE("the search's first guess (buckets) finds the tree's segment at any spacing of starts") {
  // Evenly spread starts: at most two candidates a bucket, one step of search at any length.
  for (const int phases : {9, 100, 1000, 10000}) {
    INFO(phases, " phases");
    const auto s = compile(long_sequence(phases).c_str(), 12000.0 * phases / 1000);
    const auto& tree = tempo::detail::ScheduleAccess::tree(s);
    CHECK(tree.bucket_count >= 2.0 * phases);
    CHECK(tree.bucket_steps <= 1);
  }
  // Uneven ones: a cluster of short phases inside one bucket, fractional and huge starts, a
  // width so small its scale overflows, a last phase that never ends.
  std::string cluster = "warmup(1000)";
  for (int i = 0; i < 40; ++i)
    cluster += i % 2 ? " >> cosine((0.001))" : " >> linear((0.002), to=1)";
  cluster += " >> cosine(5000) >> linear(3, to=0.5)";
  std::string huge = "warmup(1e15)";
  for (int i = 0; i < 12; ++i) huge += " >> linear(3e14, to=" + std::to_string(i % 3) + ")";
  std::string tiny = "warmup((1e-300))";
  for (int i = 0; i < 12; ++i) tiny += " >> linear((2e-300), to=" + std::to_string(i % 2) + ")";
  std::string unending = "warmup(10)";
  for (int i = 0; i < 12; ++i) unending += " >> linear(7, to=" + std::to_string(i % 2) + ")";
  unending += " >> curve(t / 1e6)";  // never ends: its segment holds every later step
  for (const std::string& source : {cluster, huge, tiny, unending}) {
    INFO(source.substr(0, 80));
    const auto s = compile(source.c_str());
    const auto& tree = tempo::detail::ScheduleAccess::tree(s);
    std::vector<double> steps = {-1, -0.0, 0.0, 1e-300, 3e-300, 1e15, 4e15, 1e300, inf};
    for (std::size_t i = 0; i < tree.table_starts.size(); ++i) {
      const double start = tree.table_starts[i];
      steps.insert(steps.end(), {start, std::nextafter(start, -inf), std::nextafter(start, inf),
                                 start * 0.999999, start * 1.000001});
    }
    for (double step = 0; step < 7000; step += 0.37) steps.push_back(step);
    for (const double step : steps) {
      INFO("step ", step);
      CHECK(std::bit_cast<std::uint64_t>(s(step)) == std::bit_cast<std::uint64_t>(walk(s, step)));
    }
  }
}
