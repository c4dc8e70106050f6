// The language end to end (LANGUAGE.md §2–§7): numbers, durations, sequencing, levels, holds,
// files, host overrides, canonical source, the phase table, and the edges of time.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <tao/pegtl/contrib/analyze.hpp>
#include <vector>

#include "../lang/grammar.hpp"
#include "support.hpp"
#include "tempo/compile.hpp"

namespace {

double at(const char* source, double step, std::optional<double> total = std::nullopt) {
  tempo::Options options;
  options.total = total;
  return tempo::compile(source, options)(step);
}

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input") {
  CHECK(tao::pegtl::analyze<tempo::grammar::file>() == 0);
}

TEST_CASE("numbers: underscores, exponents, magnitudes, percent, leading dot") {
  CHECK(at("2_000", 0) == 2000);
  CHECK(at("3e-4", 0) == 3e-4);
  CHECK(at(".5", 0) == 0.5);
  CHECK(at("1.5k", 0) == 1500);
  CHECK(at("375M", 0) == 375e6);
  CHECK(at("2B", 0) == 2e9);
  CHECK(at("90%", 0) == 0.9);
  CHECK(at("# a comment\n  0.25  # another\n", 0) == 0.25);
}

TEST_CASE("durations: fractions and percent of total are rounded half away from zero") {
  // 0.29 × 100 = 28.999999999999996 rounds to 29, not the truncated 28.
  CHECK(at("stable(0.29, at=1) >> stable(at=0)", 28, 100) == 1);
  CHECK(at("stable(0.29, at=1) >> stable(at=0)", 29, 100) == 0);
  CHECK(at("stable(2.5%, at=1) >> stable(at=0)", 2, 100) == 1);  // 2.5 rounds up to 3
  CHECK(at("stable(2.5%, at=1) >> stable(at=0)", 3, 100) == 0);
  // (0.5) is parenthesised, so it is a step count: 0.5 rounds to 1.
  CHECK(at("stable((0.5), at=1) >> stable(at=0)", 0, 100) == 1);
  CHECK(at("stable((0.5), at=1) >> stable(at=0)", 1, 100) == 0);
  // 2e3 and 1.5k have no '.' without a suffix: step counts.
  CHECK(at("stable(2e3, at=1) >> stable(at=0)", 1999) == 1);
  CHECK(at("stable(1.5k, at=1) >> stable(at=0)", 1500) == 0);
}

TEST_CASE("durations: units convert through the context") {
  tempo::Options options;
  options.steps_per_epoch = 100;
  options.tokens_per_step = 1e6;
  auto s = tempo::compile("warmup(3 ep) >> stable(375M tok) >> linear(500 steps)", options);
  CHECK(s(150) == 0.5);
  CHECK(s(300 + 374) == 1);
  CHECK(s(300 + 375 + 250) == 0.5);
  // A file can set the context itself; the host's value wins over the file's.
  CHECK(at("steps_per_epoch = 10\nlr = warmup(2 ep)", 10) == 0.5);
  tempo::Options host;
  host.steps_per_epoch = 40;
  CHECK(tempo::compile("steps_per_epoch = 10\nlr = warmup(2 ep)", host)(40) == 0.5);
}

TEST_CASE("sequencing: elastic phases fill total, anywhere in the sequence") {
  CHECK(at("warmup(100) >> stable() >> linear(200)", 799, 1000) == 1);
  CHECK(at("warmup(100) >> stable() >> linear(200)", 900, 1000) == 0.5);
  // A nested elastic sequence fills the space its parent leaves.
  CHECK(at("warmup(100) >> (stable(100) >> cosine())", 600, 1000) ==
        doctest::Approx(0.5).epsilon(1e-15));
  // An arithmetic node with an elastic operand is elastic.
  CHECK(at("0.5 * cosine() >> stable(0)", 500, 1000) == 0.25);
  // A bare number in a sequence is an elastic constant phase.
  CHECK(at("warmup(100) >> 0.5", 500, 1000) == 0.5);
}

TEST_CASE("sequencing: the schedule holds its end value at and after the last phase") {
  CHECK(at("cosine(100)", 100) == 0);
  CHECK(at("warmup(10) >> cosine(100, min=0.1)", 110) == 0.1);
  CHECK(at("warmup(10) >> cosine(100, min=0.1)", 1e18) == 0.1);
  CHECK(at("warmup(100) >> cosine(min=0.1)", 1000, 1000) == 0.1);
  // A fixed schedule shorter than total holds too.
  CHECK(at("warmup(100)", 500, 1000) == 1);
}

TEST_CASE("levels: each phase starts where the previous one ended") {
  CHECK(at("warmup(100) >> linear(100, to=0.5) >> cosine(100)", 250) ==
        doctest::Approx(0.25).epsilon(1e-15));
  CHECK(at("linear(10, to=0.5) >> stable(10)", 12) == 0.5);
  // A nested sequence starts from the level before it; repetitions restart from theirs.
  CHECK(at("linear(10, to=0.5) >> (linear(10, to=0.1) >> stable(10))", 25) == 0.1);
  CHECK(at("linear(10, to=0.5) >> repeat(linear(10), 2)", 15) == 0.25);
  CHECK(at("linear(10, to=0.5) >> repeat(linear(10), 2)", 25) == 0.25);
  // Both operands of an arithmetic node get the same level.
  CHECK(at("linear(10, to=0.5) >> (cosine(10) + cosine(10))", 10) == 1);
}

TEST_CASE("arithmetic: precedence, associativity, and constants folded into phases") {
  CHECK(at("3e-4 * warmup(2000) >> cosine()", 6000, 10000) == 0.00015);
  CHECK(at("2^3^2", 0) == 512);
  CHECK(at("3 + -2^2", 0) == -1);
  CHECK(at("(1 + 2) * 3 - 10 / 4", 0) == 6.5);
  CHECK(at("pi", 0) == std::numbers::pi);
  CHECK(at("total / 4", 0, 1000) == 250);
  auto s = tempo::compile("1.5e-4 * (warmup(2000) >> cosine(min=0.1))", [] {
    tempo::Options o;
    o.total = 2e6;
    return o;
  }());
  // Folded: one sequence of two closed-form phases, no arithmetic node left.
  CHECK(s.phases().size() == 2);
  CHECK(s.phases()[1].end_value == doctest::Approx(1.5e-5).epsilon(1e-14));
}

TEST_CASE("files: bindings, names, context and overrides") {
  const char* file =
      "# llama3-70b.tempo\n"
      "total = 2_000_000\n"
      "peak  = 1.5e-4\n"
      "lr    = peak * (warmup(2000) >> cosine(min=0.1))\n"
      "wd    = 0.1\n"
      "beta1 = 0.95 - 0.1 * onecycle(max=1)\n";
  auto program = tempo::try_compile_program(file);
  REQUIRE(program.ok());
  CHECK(program.value->main_name() == "lr");
  CHECK(program.value->main()(1000) == 7.5e-05);
  CHECK((*program.value->find("wd"))(123) == 0.1);
  CHECK(program.value->find("nope") == nullptr);

  tempo::Options options;
  options.name = "beta1";
  CHECK(tempo::compile(file, options)(0) == doctest::Approx(0.95 - 0.1 / 25).epsilon(1e-14));

  // Host values override the file: --total, then --set of a context name or a binding.
  options.name = "lr";
  options.total = 4000;
  CHECK(tempo::compile(file, options)(3000) == doctest::Approx(1.5e-4 * 0.55).epsilon(1e-13));
  options.total.reset();
  options.set = {{"total", "4_000"}, {"peak", "1e-3"}};
  CHECK(tempo::compile(file, options)(3000) == doctest::Approx(1e-3 * 0.55).epsilon(1e-13));
  // --set may also define a new name for an expression to use.
  tempo::Options defined;
  defined.set = {{"peak", "2e-3"}};
  CHECK(tempo::compile("peak * warmup(10)", defined)(5) == 1e-3);

  // `;` separates bindings on one line; a single schedule needs no name.
  CHECK(at("a = 0.5; b = a * warmup(10)", 10) == 0.5);
}

TEST_CASE("canonical source substitutes bindings and normalises spacing") {
  auto s = tempo::compile("peak=1.5e-4\nlr =  peak*( warmup(2_000)>>cosine(9k, min = 0.1 ))");
  CHECK(s.source() == "1.5e-4 * (warmup(2_000) >> cosine(9k, min=0.1))");
  auto t = tempo::compile("a = warmup(10) >> cosine(10)\nlr = 2 * a");
  CHECK(t.source() == "2 * (warmup(10) >> cosine(10))");
  CHECK(tempo::compile("1 - (2 - 3) - -4^2")(0) == 1 - (2 - 3) - -16.0);
  CHECK(tempo::compile("1 - (2 - 3) - -4^2").source() == "1 - (2 - 3) - -4^2");
  auto formatted = tempo::format_source("lr=warmup(3 ep)>>cosine(min=10%);wd=0.1");
  REQUIRE(formatted.ok());
  CHECK(*formatted.value == "lr = warmup(3 ep) >> cosine(min=10%); wd = 0.1\n");  // fmt_test.cpp
}

TEST_CASE("the phase table lists each phase with its start, end and values") {
  tempo::Options options;
  options.total = 100000;
  auto s = tempo::compile("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", options);
  const auto& rows = s.phases();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].name == "warmup(2000)");
  CHECK(rows[1].name == "stable(0.9)");
  CHECK(rows[1].start == 2000);
  CHECK(rows[1].end == 92000);
  CHECK(rows[2].start_value == 1);
  CHECK(rows[2].end == 100000);
  CHECK(rows[2].end_value == 0.1);
  auto forever = tempo::compile("warmup(10) >> stable()");
  CHECK(std::isinf(forever.phases()[1].end));
}

TEST_CASE("negative steps take the value at step 0; NaN gives NaN") {
  auto s = tempo::compile("0.5 + warmup(100)");
  CHECK(s(-10) == 0.5);
  CHECK(s(-std::numeric_limits<double>::infinity()) == 0.5);
  CHECK(std::isnan(s(std::numeric_limits<double>::quiet_NaN())));
  CHECK(s(std::numeric_limits<double>::infinity()) == 1.5);
  // Steps need not be integers.
  CHECK(s(25.5) == 0.5 + 0.255);
}

TEST_CASE("one schedule evaluated from several threads gives the same values") {
  tempo::Options options;
  options.total = 100000;
  const auto s = tempo::compile(
      "clamp(1.5e-4 * (warmup(2000) >> stable(0.9) >> cosine(min=0.1)) + 0 * sgdr(period=10), 0, "
      "1)",
      options);
  std::vector<double> steps;
  for (int i = 0; i < 100000; ++i) steps.push_back(i * 1.0);
  CHECK(tempo::testing::mismatches_across_threads(s, steps) == 0);
}

TEST_CASE("fill writes consecutive steps, bit-identical to pointwise evaluation") {
  tempo::Options options;
  options.total = 1000;
  for (const char* source : {"warmup(100) >> stable(0.5) >> cosine(min=0.1)",
                             "0.5 * (warmup(10%) >> sgdr(period=70, mult=2))",
                             "clamp(2 * warmup(100) - 0.5, 0, 1) >> repeat(linear(30), 3)",
                             "curve(200, level * (1 - p)^2) >> multistep(at=[100, 300])"}) {
    INFO(source);
    const auto s = tempo::compile(source, options);
    for (const double stride : {1.0, 0.5, 3.0, 7.25}) {
      std::vector<double> values(600);
      s.fill(-20, values, stride);
      for (std::size_t i = 0; i < values.size(); ++i) {
        const double step = -20 + static_cast<double>(i) * stride;
        REQUIRE(std::bit_cast<std::uint64_t>(values[i]) == std::bit_cast<std::uint64_t>(s(step)));
      }
    }
  }
}

TEST_CASE("the fast path for a sequence of phases agrees with the tree bit for bit") {
  // max(S, -1e300) equals S but is not a sequence, so it is evaluated by walking the tree.
  const auto same = [](double a, double b) {
    return (std::isnan(a) && std::isnan(b)) ||
           std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  };
  // Fractional totals make fractional starts, where τ − start can round up to a phase's length.
  for (const double total : {1000.0, 1000.5, 999.75, 906.2, 1010.5825882057015}) {
    tempo::Options options;
    options.total = total;
    for (const char* source :
         {"warmup(100) >> stable(0.5) >> cosine(min=0.1)",
          "0.5 * (warmup(10%) >> exponential(200, gamma=0.99) >> poly(power=2))",
          "stable(100, at=0.3) >> linear(50) >> stable(10, at=-0.0) >> cosine(100) >> stable(0.1) "
          ">> warmup(10, shape=sqrt) >> inv_sqrt(20, scale=5)",  // eight segments with the hold
          "warmup(10) >> cosine(10) >> warmup(10) >> cosine(10) >> warmup(10) >> cosine(10) "
          ">> warmup(10) >> cosine(10)",  // nine: too many, the tree walks them
          "cosine()", "warmup(0.3333) >> cosine()",
          "warmup(100) >> stable() >> cosine(746, min=0.1)",
          "warmup(100) >> stable() >> linear(735, from=0.7, to=0.3)"}) {
      INFO(std::string(source), " total ", total);
      const auto fast = tempo::compile(source, options);
      const auto tree = tempo::compile(std::string("max(") + source + ", -1e300)", options);
      std::vector<double> steps = {-5,
                                   -0.0,
                                   0.0,
                                   0.25,
                                   99.5,
                                   1e17,
                                   1e300,
                                   std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::quiet_NaN()};
      for (double step = 0; step <= 1100; step += 0.25) steps.push_back(step);
      for (const auto& row : fast.phases()) {
        for (const double edge : {row.start, row.end}) {
          steps.push_back(std::nextafter(edge, -1.0));
          steps.push_back(std::nextafter(edge, 1e9));
        }
      }
      for (const double step : steps) {
        INFO("step ", step);
        REQUIRE(same(fast(step), tree(step)));
      }
    }
  }
}
