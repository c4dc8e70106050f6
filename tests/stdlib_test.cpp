// Boundary tests for every primitive of the registration table: each is played between two
// stable phases (so it starts from level L = 0.5) and checked at its first step, its last step,
// the first step of the next phase, and far past the end, against the formula of LANGUAGE.md §5
// written out independently here. A primitive with no cases here fails the test.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <map>
#include <numbers>
#include <string>

#include "../stdlib/primitive.hpp"
#include "support.hpp"
#include "tempo/compile.hpp"

namespace {

using tempo::testing::close;

constexpr double L = 0.5;       // the level every phase below starts from
constexpr double after = 0.25;  // the phase that follows
const double pi = std::numbers::pi;

struct Case {
  std::string phase;                // the call, of length d
  double d;                         // its length in steps
  std::function<double(double)> f;  // the value at local step τ
  double end;                       // the value it holds after
};

double ramp_cosine(double a, double b, double p) {
  return b + (a - b) * (1 + std::cos(pi * p)) / 2;
}

std::map<std::string, std::vector<Case>> cases() {
  std::map<std::string, std::vector<Case>> c;
  c["warmup"] = {
      {"warmup(100)", 100, [](double t) { return t / 100; }, 1.0},
      {"warmup(100, from=0.2, to=0.8, shape=cosine)", 100,
       [](double t) { return ramp_cosine(0.2, 0.8, t / 100); }, 0.8},
      {"warmup(100, shape=poly, power=3)", 100,
       [](double t) { return 1 + (0 - 1) * std::pow(1 - t / 100, 3); }, 1.0},
  };
  c["stable"] = {{"stable(100)", 100, [](double) { return L; }, L},
                 {"stable(100, at=0.7)", 100, [](double) { return 0.7; }, 0.7}};
  c["linear"] = {
      {"linear(100, to=0.1)", 100, [](double t) { return L + (0.1 - L) * t / 100; }, 0.1}};
  c["cosine"] = {
      {"cosine(100, min=0.1)", 100, [](double t) { return ramp_cosine(L, 0.1, t / 100); }, 0.1},
      {"cosine(100, min=0.9)", 100, [](double t) { return ramp_cosine(L, 0.9, t / 100); }, 0.9}};
  c["poly"] = {{"poly(100, power=2, min=0.1)", 100,
                [](double t) { return 0.1 + (L - 0.1) * std::pow(1 - t / 100, 2); }, 0.1}};
  c["decay"] = {
      {"decay(100, shape=sqrt, min=0.1)", 100,
       [](double t) { return 0.1 + (L - 0.1) * (1 - std::sqrt(t / 100)); }, 0.1},
      {"decay(100, shape=exp, min=0.05)", 100,
       [](double t) { return L * std::pow(0.05 / L, t / 100); }, 0.05},
  };
  c["exponential"] = {{"exponential(100, gamma=0.99)", 100,
                       [](double t) { return L * std::pow(0.99, t); }, L * std::pow(0.99, 100)}};
  c["staircase"] = {{"staircase(90, every=30, gamma=0.5)", 90,
                     [](double t) { return L * std::pow(0.5, std::floor(t / 30)); }, L * 0.25}};
  c["multistep"] = {{"multistep(90, at=[30, 60], gamma=0.5)", 90,
                     [](double t) { return L * std::pow(0.5, (t >= 30) + (t >= 60)); }, L * 0.25}};
  c["inv_sqrt"] = {{"inv_sqrt(100, scale=50)", 100,
                    [](double t) { return L * std::sqrt(50 / (50 + t)); },
                    L * std::sqrt(50.0 / 150)}};
  auto noam = [](double t) {
    const double s = std::max(t, 1.0);
    return std::pow(64, -0.5) * std::min(std::pow(s, -0.5), s * std::pow(10, -1.5));
  };
  c["noam"] = {{"noam(100, d_model=64, warmup=10)", 100, noam, noam(100)}};
  auto clr = [](double t) {
    const double cycle = std::floor(t / 40), x = std::fabs(t / 20 - 2 * cycle - 1);
    return 0.1 + 0.8 * std::max(0.0, 1 - x) / std::pow(2, cycle);
  };
  c["cyclic"] = {{"cyclic(100, base=0.1, max=0.9, half=20, mode=triangular2)", 100, clr, clr(100)}};
  auto sgdr = [](double t) {
    const double starts[] = {0, 10, 30, 70};
    int i = 0;
    while (t >= starts[i + 1]) ++i;
    const double length = starts[i + 1] - starts[i];
    return 0.1 + (L * std::pow(0.5, i) - 0.1) * (1 + std::cos(pi * (t - starts[i]) / length)) / 2;
  };
  // d = 70 ends exactly where a cycle would restart: the end value is the limit from below, min.
  c["sgdr"] = {{"sgdr(70, period=10, mult=2, min=0.1, decay=0.5)", 70, sgdr, 0.1}};
  auto one = [](double t) {
    const double lo = 1.0 / 25, end = lo / 1e4;
    return t < 30 ? ramp_cosine(lo, 1, t / 30) : ramp_cosine(1, end, (t - 30) / 70);
  };
  c["onecycle"] = {{"onecycle(100)", 100, one, 1.0 / 25 / 1e4}};
  c["interp"] = {
      {"interp([0, 0.2], [40, 1], [100, 0.4])", 100,
       [](double t) { return t < 40 ? 0.2 + 0.8 * t / 40 : 1 + (0.4 - 1) * (t - 40) / 60; }, 0.4}};
  c["repeat"] = {{"repeat(linear(10, to=0), 3)", 30,
                  [](double t) { return L + (0 - L) * std::fmod(t, 10) / 10; }, 0.0}};
  c["curve"] = {{"curve(100, level * (1 - p)^2 + t / 1000)", 100,
                 [](double t) { return L * std::pow(1 - t / 100, 2) + t / 1000; }, 0.1}};
  c["take"] = {{"take(100, cosine(200))", 100,
                [](double t) { return L / 2 * (1 + std::cos(pi * t / 200)); }, L / 2},
               {"take(100, linear(to=0))", 100, [](double t) { return L * (1 - t / 100); }, 0.0}};
  c["inv_time"] = {{"inv_time(100, scale=10, rate=0.5)", 100,
                    [](double t) { return L / (1 + 0.5 * t / 10); }, L / 6}};
  // Bound to no observations, a plateau holds its start value (tests/plateau_test.cpp decides).
  c["plateau"] = {{"plateau(100, factor=0.5)", 100, [](double) { return L; }, L},
                  {"plateau(100, from=0.3)", 100, [](double) { return 0.3; }, 0.3}};
  return c;
}

}  // namespace

TEST_CASE("every primitive in the registration table has boundary cases") {
  const auto all = cases();
  for (const auto* primitive : tempo::stdlib::primitives()) {
    INFO(primitive->name);
    CHECK(all.count(std::string(primitive->name)) == 1);
  }
  CHECK(all.size() == tempo::stdlib::primitives().size());
}

TEST_CASE("every primitive is exact at its first step, last step, the next phase and far past") {
  for (const auto& [name, list] : cases()) {
    for (const Case& c : list) {
      const std::string source = "stable(10, at=0.5) >> " + c.phase + " >> stable(10, at=0.25)";
      INFO(source);
      const auto s = tempo::compile(source);
      const double start = 10, last = 10 + c.d - 1, next = 10 + c.d;
      CHECK(close(s(start), c.f(0)));
      CHECK(close(s(last), c.f(c.d - 1)));
      CHECK(close(s(start + c.d / 2), c.f(c.d / 2)));
      CHECK(s(next) == after);
      CHECK(s(1e12) == after);

      // Alone, the phase holds its end value at and after its end (levels start at 1 there,
      // so the phase is placed after a zero-length stable that sets the level to L).
      const auto alone = tempo::compile("stable(0, at=0.5) >> " + c.phase);
      CHECK(close(alone(c.d), c.end));
      CHECK(close(alone(1e12), c.end));
      CHECK(close(alone(0), c.f(0)));
      // The next phase starts from this phase's end value (its level).
      const auto chained = tempo::compile("stable(0, at=0.5) >> " + c.phase + " >> stable(5)");
      CHECK(close(chained(c.d + 2), c.end));
    }
  }
}

TEST_CASE("phases that need no length run forever without a total") {
  CHECK(tempo::compile("warmup(10) >> stable()")(1e15) == 1);
  CHECK(tempo::compile("warmup(10) >> exponential(gamma=0.5)")(12) == 0.25);
  CHECK(tempo::compile("staircase(every=10, gamma=0.5)")(1000) == std::pow(0.5, 100));
  CHECK(tempo::compile("multistep(at=[10, 20])")(1e9) == doctest::Approx(0.01).epsilon(1e-14));
  CHECK(tempo::compile("inv_sqrt(scale=100)")(300) == 0.5);
  CHECK(tempo::compile("cyclic(base=0, max=1, half=10)")(1e6 + 5) == 0.5);
  CHECK(tempo::compile("sgdr(period=10)")(1e6 + 5) == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(tempo::compile("repeat(linear(10))")(1e6 + 3) == doctest::Approx(0.7).epsilon(1e-12));
  CHECK(tempo::compile("curve(expr=1 / (1 + t))")(9) == 0.1);
  CHECK(tempo::compile("warmup(10) >> inv_time(scale=10)")(20) == 0.5);
  CHECK(tempo::compile("warmup(10) >> plateau(factor=0.5)")(1e15) == 1);
}

TEST_CASE("every row documents its parameters and formula") {
  for (const auto* p : tempo::stdlib::primitives()) {
    INFO(p->name);
    CHECK_FALSE(p->summary.empty());
    CHECK_FALSE(p->formula.empty());
    CHECK_FALSE(p->end_value.empty());
    CHECK((p->build != nullptr));
    for (const auto& param : p->params) {
      INFO(param.name);
      CHECK_FALSE(param.doc.empty());
      if (param.kind == tempo::stdlib::Kind::choice) CHECK_FALSE(param.choices.empty());
    }
  }
}

TEST_CASE("math functions apply pointwise and fold when constant") {
  CHECK(tempo::compile("round(2.5) + floor(-0.5) + ceil(0.2)")(0) == 3);
  CHECK(tempo::compile("round(-2.5)")(0) == -3);  // half away from zero
  CHECK(tempo::compile("max(warmup(100), 0.3)")(10) == 0.3);
  CHECK(tempo::compile("max(warmup(100), 0.3)")(50) == 0.5);
  CHECK(tempo::compile("min(1, 2, 3, -4)")(0) == -4);
  CHECK(tempo::compile("clamp(warmup(100) * 2, 0.5, 1)")(10) == 0.5);
  CHECK(tempo::compile("2^-1")(0) == 0.5);
  CHECK(tempo::compile("-2^2")(0) == -4);
  CHECK(tempo::compile("abs(-3) + tanh(0) + log(exp(2))")(0) == 5);
  CHECK(tempo::compile("10 - 4 - 3")(0) == 3);
  CHECK(tempo::compile("100 / 10 / 5")(0) == 2);
  CHECK(tempo::compile("1 / warmup(100)")(50) == 2);
  CHECK(tempo::compile("warmup(100) - warmup(100) / 2")(50) == 0.25);
}
