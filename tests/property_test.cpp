// Properties over generated schedules (issue 14): a fixed-seed generator writes sequences of
// every phase kind with arguments drawn from their valid ranges, and each schedule must give
// finite values, hold after its end, start each level-based phase where the previous one
// ended, decay monotonically where the phase is a decay, fill bit for bit as it evaluates,
// agree across threads and recompilations, and compile again from its canonical source.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tempo/compile.hpp"

namespace {

// What the generator knows of a phase it wrote.
struct Written {
  std::string text;
  bool from_level = false;  // starts at the level (LANGUAGE.md §4): continuous at its start
  bool decays = false;      // never rises within the phase unless its target is above its start
};

struct Generated {
  std::string source;
  std::vector<Written> phases;
  double total = 0;
  bool finite = true;  // the last phase ends (no elastic or forever tail)
};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : random_(seed) {}

  Generated schedule() {
    Generated g;
    const int count = integer(1, 6);
    double length = 0;
    for (int i = 0; i < count; ++i) {
      const double d = integer(1, 3000);
      length += d;
      g.phases.push_back(phase(fmt::format("{}", d)));
    }
    g.total = length + integer(0, 500);
    std::string body;
    for (const auto& p : g.phases) body += (body.empty() ? "" : " >> ") + p.text;
    if (chance(0.3)) {  // an elastic tail takes whatever the total leaves
      g.phases.push_back({"cosine(min=0.01)", true, true});
      body += " >> cosine(min=0.01)";
      g.total += integer(1, 2000);
    }
    g.source = chance(0.5) ? body : fmt::format("{} * ({})", number(1e-4, 2), body);
    return g;
  }

 private:
  Written phase(const std::string& d) {
    switch (integer(0, 14)) {
      case 0:
        return {fmt::format("warmup({}, from={}, to={}, shape={})", d, number(0, 0.5),
                            number(0.5, 2), pick({"linear", "cosine", "sqrt", "poly"})),
                false, false};
      case 1:
        return {fmt::format("warmup({}, from={}, to={}, shape=exp)", d, number(1e-6, 0.1),
                            number(0.5, 3)),
                false, false};
      case 2:
        return {fmt::format("stable({})", d), true, true};
      case 3:
        return {fmt::format("linear({}, to={})", d, number(0, 0.5)), true, true};
      case 4:
        return {fmt::format("cosine({}, min={})", d, number(0, 0.3)), true, true};
      case 5:
        return {fmt::format("poly({}, power={}, min={})", d, number(0.5, 3), number(0, 0.2)), true,
                true};
      case 6:
        return {fmt::format("decay({}, min={}, shape={})", d, number(0, 0.2),
                            pick({"linear", "cosine", "sqrt", "poly"})),
                true, true};
      case 7:
        return {fmt::format("exponential({}, gamma={})", d, number(0.99, 0.99999)), true, true};
      case 8:
        return {
            fmt::format("staircase({}, every={}, gamma={})", d, integer(1, 700), number(0.1, 0.9)),
            true, true};
      case 9: {
        const double n = std::stod(d);
        std::string at;
        for (double m = integer(1, 500); m < n + 300; m += integer(1, 800)) {
          at += (at.empty() ? "" : ", ") + fmt::format("{}", m);
        }
        return {fmt::format("multistep({}, at=[{}], gamma={})", d, at, number(0.1, 0.9)), true,
                true};
      }
      case 10:
        return {fmt::format("inv_sqrt({}, scale={})", d, integer(1, 5000)), true, true};
      case 11:
        return {fmt::format("inv_time({}, scale={}, rate={})", d, integer(1, 5000), number(0, 4)),
                true, true};
      case 12:
        return {fmt::format("cyclic({}, base={}, max={}, half={}, mode={})", d, number(0, 0.3),
                            number(0.3, 1), integer(1, 400),
                            pick({"triangular", "triangular2", "exp_range"})),
                false, false};
      case 13:
        return {fmt::format("sgdr({}, period={}, mult={}, min={})", d, integer(1, 900),
                            pick({"1", "2", "1.5"}), number(0, 0.1)),
                true, false};
      default:
        return {fmt::format("onecycle({}, max={})", d, number(0.1, 2)), false, false};
    }
  }

  int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
  // Printed with 6 significant digits, so that the text is what the value is.
  std::string number(double lo, double hi) {
    return fmt::format("{:.6g}", std::uniform_real_distribution<double>(lo, hi)(random_));
  }
  const char* pick(std::initializer_list<const char*> choices) {
    return choices.begin()[integer(0, static_cast<int>(choices.size()) - 1)];
  }

  std::mt19937_64 random_;
};

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Steps worth looking at: every boundary and its neighbours, a spread over the run, far away.
std::vector<double> probe_steps(const tempo::Schedule& s, double total) {
  std::vector<double> steps = {0, 0.5, 1, total - 1, total, total + 1, 1e6, 1e12, 1e15};
  for (const auto& row : s.phases()) {
    for (double edge : {row.start, row.end}) {
      if (!std::isfinite(edge)) continue;
      for (double near : {edge - 1, edge - 0.25, edge, edge + 0.25, edge + 1}) {
        if (near >= 0) steps.push_back(near);
      }
    }
  }
  for (int i = 0; i <= 64; ++i) steps.push_back(total * 1.25 * i / 64);
  return steps;
}

// The phase table with each written phase in one row: onecycle and interp list their segments
// as `name [k/n]`.
std::vector<tempo::PhaseRow> written_rows(const tempo::Schedule& s) {
  std::vector<tempo::PhaseRow> rows;
  bool continues = false;
  for (const auto& row : s.phases()) {
    if (continues) {
      rows.back().end = row.end;
      rows.back().end_value = row.end_value;
    } else {
      rows.push_back(row);
    }
    int k = 0, n = 0;
    const auto open = row.name.rfind(" [");
    continues = open != std::string::npos &&
                std::sscanf(row.name.c_str() + open, " [%d/%d]", &k, &n) == 2 && k < n;
  }
  return rows;
}

constexpr int schedules = 400;

template <typename Check>
void for_each_generated(Check check) {
  Generator generator(20261202);
  for (int i = 0; i < schedules; ++i) {
    const Generated g = generator.schedule();
    tempo::Options options;
    options.total = g.total;
    const auto compiled = tempo::try_compile(g.source, options);
    INFO(g.source, " (total ", g.total, ")");
    REQUIRE_MESSAGE(compiled.ok(), compiled.message());
    check(g, *compiled.value, options);
  }
}

}  // namespace

TEST_CASE("generated schedules: a finite value at every finite step, held after the end") {
  for_each_generated([](const Generated& g, const tempo::Schedule& s, const tempo::Options&) {
    for (double step : probe_steps(s, g.total)) {
      INFO("step ", step);
      CHECK(std::isfinite(s(step)));
    }
    const auto& last = s.phases().back();
    if (std::isfinite(last.end)) {
      for (double after : {last.end, last.end + 1, last.end * 2 + 7, 1e15}) {
        INFO("after the end, step ", after);
        CHECK(same_bits(s(after), last.end_value));
      }
    }
  });
}

TEST_CASE("generated schedules: a phase that starts at the level starts where the last ended") {
  for_each_generated([](const Generated& g, const tempo::Schedule& s, const tempo::Options&) {
    const auto rows = written_rows(s);
    REQUIRE(rows.size() >= g.phases.size());
    for (std::size_t i = 1; i < g.phases.size(); ++i) {
      if (!g.phases[i].from_level || rows[i].end <= rows[i].start) continue;
      INFO("phase ", i, ": ", g.phases[i].text);
      CHECK(rows[i].start_value == doctest::Approx(rows[i - 1].end_value).epsilon(1e-12));
      CHECK(s(rows[i].start) == doctest::Approx(rows[i - 1].end_value).epsilon(1e-12));
    }
  });
}

TEST_CASE("generated schedules: decays never rise within their phase") {
  for_each_generated([](const Generated& g, const tempo::Schedule& s, const tempo::Options&) {
    const auto rows = written_rows(s);
    REQUIRE(rows.size() >= g.phases.size());
    for (std::size_t i = 0; i < g.phases.size(); ++i) {
      if (!g.phases[i].decays || !std::isfinite(rows[i].end)) continue;
      if (rows[i].end_value > rows[i].start_value) continue;  // a rising `min` (allowed)
      INFO("phase ", i, ": ", g.phases[i].text);
      double before = s(rows[i].start);
      int rises = 0;
      for (double step = rows[i].start + 1; step < rows[i].end; ++step) {
        const double now = s(step);
        rises += now > before;
        before = now;
      }
      CHECK(rises == 0);
    }
  });
}

TEST_CASE("generated schedules: fill equals pointwise evaluation bit for bit") {
  for_each_generated([](const Generated& g, const tempo::Schedule& s, const tempo::Options&) {
    for (const auto& [first, stride] : std::vector<std::pair<double, double>>{
             {0, 1}, {0.5, 0.5}, {g.total / 3, 7}, {g.total - 10, 1e-3}, {0, g.total / 50}}) {
      std::vector<double> out(600);
      s.fill(first, out, stride);
      int mismatches = 0;
      for (std::size_t k = 0; k < out.size(); ++k) {
        mismatches += !same_bits(out[k], s(first + static_cast<double>(k) * stride));
      }
      INFO("fill from ", first, " stride ", stride);
      CHECK(mismatches == 0);
    }
  });
}

TEST_CASE(
    "generated schedules: the same values across threads, recompilations and the "
    "canonical source") {
  for_each_generated(
      [](const Generated& g, const tempo::Schedule& s, const tempo::Options& options) {
        const std::vector<double> steps = probe_steps(s, g.total);
        const auto again = tempo::compile(g.source, options);
        const auto canonical = tempo::try_compile(s.source(), options);
        INFO("canonical source: ", s.source());
        REQUIRE_MESSAGE(canonical.ok(), canonical.message());
        int mismatches = 0;
        for (double step : steps) {
          mismatches += !same_bits(again(step), s(step));
          mismatches += !same_bits((*canonical.value)(step), s(step));
        }
        std::vector<double> other(steps.size());
        std::thread([&] {
          for (std::size_t k = 0; k < steps.size(); ++k) other[k] = s(steps[k]);
        }).join();
        for (std::size_t k = 0; k < steps.size(); ++k)
          mismatches += !same_bits(other[k], s(steps[k]));
        CHECK(mismatches == 0);
      });
}
