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

TEST_CASE("the magnitude T is 1e12 (§10.1)") {
  tempo::Options options;
  options.tokens_per_step = 4e6;
  CHECK(tempo::compile("stable(14.8T tok, at=1) >> stable(at=0)", options)(3699999) == 1);
  CHECK(tempo::compile("stable(14.8T tok, at=1) >> stable(at=0)", options)(3700000) == 0);
  CHECK(compile("2T")(0) == 2e12);
}

TEST_CASE("units stand wherever a constant does, rounded only as durations (§10.2)") {
  // GPT-3: warmup over 375M tokens, cosine over 260B, 300B in all.
  const std::string gpt3 =
      "tokens_per_step = 2048 * 1536\n"
      "total = 300B tok\n"
      "lr = warmup(375M tok) >> cosine(260B tok - 375M tok, min=0.1) >> stable()\n";
  const auto s = tempo::compile(gpt3);
  const double per_step = 2048.0 * 1536;
  CHECK(s.total() == 300e9 / per_step);  // a context value is used as given
  CHECK(s.phases()[0].end == std::round(375e6 / per_step));
  CHECK(s.phases()[1].end == std::round(375e6 / per_step) + std::round((260e9 - 375e6) / per_step));
  CHECK(compile("steps_per_epoch = 100\nlr = multistep(6000, at=[30 ep, 60 ep]) >> stable()")(
            2999) == 1);
  CHECK(close(compile("steps_per_epoch = 100\nlr = multistep(at=[30 ep, 60 ep])")(3000), 0.1));
  CHECK(compile("steps_per_epoch = 100\ntotal = 90 ep\nlr = warmup(10) >> cosine()").total() ==
        9000);
  // The context names may be bound in any order; a cycle is an error.
  CHECK(compile("total = 90 * steps_per_epoch\nsteps_per_epoch = 100\nlr = cosine()").total() ==
        9000);
  CHECK(first_error("total = 3 tok\ntokens_per_step = total * 2\nlr = cosine()") ==
        "`tokens_per_step` and `total` are defined in terms of each other");
  CHECK(first_error("total = 500 steps\nlr = cosine(3 ep)") ==
        "`3 ep` is in epochs, but steps_per_epoch is not known");
}

TEST_CASE("a token clock that follows a batch-size ramp (§10.3)") {
  // 1 token per step for 10 steps, then 4 per step.
  const std::string ramp = "tokens_per_step = stable(10, at=1) >> stable(at=4)\n";
  // 10 tokens take 10 steps; 14 tokens take 11; 15 take 12 (the sum first reaches N).
  CHECK(compile(ramp + "lr = stable(10 tok, at=1) >> stable(at=0)").phases()[0].end == 10);
  CHECK(compile(ramp + "lr = stable(14 tok, at=1) >> stable(at=0)").phases()[0].end == 11);
  CHECK(compile(ramp + "lr = stable(15 tok, at=1) >> stable(at=0)").phases()[0].end == 12);
  // Far past the ramp, the constant tail is a closed form: 10 + (4e12 - 10) / 4 steps.
  CHECK(compile(ramp + "lr = stable(4T tok, at=1) >> stable(at=0)").phases()[0].end ==
        10 + std::ceil((4e12 - 10) / 4));
  // A clock that settles behind a function (floor of a ramp) gets the closed form too: 10 steps
  // of 1 token, then 2 a step; 1B tokens take 10 + ⌈(1e9 − 10) / 2⌉ steps, past 2^24.
  CHECK(compile("tokens_per_step = floor(warmup(10, from=1, to=2) >> stable())\n"
                "lr = stable(1B tok, at=1) >> stable(at=0)")
            .phases()[0]
            .end == 500000005);
  CHECK(first_error(ramp + "lr = stable(1e17 tok, at=1) >> stable(at=0)") ==
        "`1e17 tok`: the token clock does not reach it within 2^53 steps");
  // One that never settles is summed step by step, up to 2^24 steps.
  CHECK(first_error("tokens_per_step = 2 * repeat(stable(5, at=1) >> stable(5, at=2))\n"
                    "lr = stable(100M tok, at=1) >> stable(at=0)") ==
        "`100M tok`: the token clock does not reach it within 16777216 steps, and "
        "tokens_per_step never settles");
  CHECK(compile("tokens_per_step = 2 * repeat(stable(5, at=1) >> stable(5, at=2))\n"
                "lr = stable(3M tok, at=1) >> stable(at=0)")
            .phases()[0]
            .end == 1000000);  // 30 tokens every 10 steps
  // Such a tokens_per_step is a schedule in expressions, not a constant.
  const auto follows = compile(ramp + "lr = sqrt(tokens_per_step / 4)");
  CHECK(follows(9) == 0.5);
  CHECK(follows(10) == 1);
  CHECK(first_error(ramp + "lr = warmup(tokens_per_step)") ==
        "`d` must be a constant number of steps");
  // The host may give the clock as a schedule too (--set tokens_per_step=…): it replaces the
  // file's. 5 steps of 1 token, then 4: 10 tokens are reached at step 7.
  tempo::Options host;
  host.set = {{"tokens_per_step", "stable(5, at=1) >> stable(at=4)"}};
  CHECK(tempo::compile(ramp + "lr = stable(10 tok, at=1) >> stable(at=0)", host).phases()[0].end ==
        7);
  CHECK(tempo::compile("lr = stable(10 tok, at=1) >> stable(at=0)", host).phases()[0].end == 7);
  host.tokens_per_step = 2;  // a host number wins over both
  CHECK(tempo::compile(ramp + "lr = stable(10 tok, at=1) >> stable(at=0)", host).phases()[0].end ==
        5);
  CHECK(first_error("tokens_per_step = stable(5, at=0.5) >> stable(at=2)\n"
                    "lr = stable(100 tok, at=1) >> stable(at=0)") ==
        "`100 tok`: tokens_per_step is 0.5 at step 0, but it must be ≥ 1");
}

TEST_CASE("an elastic curve: curve(expr) when its one argument is not a constant (§10.8)") {
  const auto s = compile("curve(1 / sqrt(max(step, 10000)))");
  CHECK(s(0) == 0.01);
  CHECK(s(40000) == 0.005);
  CHECK(close(compile("warmup(100) >> curve(level * 0.5^(t / 100))")(300), 0.25));
  CHECK(compile("warmup(10) >> curve(1 - p)", 110)(60) == 0.5);
  // A constant alone is still the duration, so the expression is missing.
  CHECK(first_error("curve(100)") == "`curve` needs the argument `expr`");
  CHECK(first_error("curve(1 - p)") ==
        "this curve uses p or len, so it needs a length: give d or total");
}

TEST_CASE("from= for the phases that multiply their start value (§10.5)") {
  // PyTorch SequentialLR restarts each part at the base value.
  CHECK(compile("warmup(10) >> exponential(10, gamma=0.5, from=2)")(12) == 0.5);
  CHECK(compile("stable(10, at=0.1) >> staircase(100, every=30, from=1)")(45) ==
        doctest::Approx(0.1).epsilon(1e-15));
  CHECK(compile("stable(10, at=0.1) >> multistep(100, at=[5], gamma=0.5, from=1)")(15) == 0.5);
  CHECK(compile("stable(10, at=0.1) >> inv_sqrt(100, scale=10, from=1)")(20) == std::sqrt(0.5));
  // Without from, the level as before.
  CHECK(close(compile("stable(10, at=0.1) >> exponential(10, gamma=0.5)")(11), 0.05));
}

TEST_CASE("inv_time, the log ramp and cosine's exponent (§10.7)") {
  // Keras InverseTimeDecay: lr / (1 + rate·step/scale), with staircase ⌊step/scale⌋.
  CHECK(close(compile("inv_time(scale=100, rate=0.5)")(150), 1 / (1 + 0.5 * 1.5)));
  CHECK(close(compile("inv_time(scale=100, rate=0.5, staircase=true)")(150), 1 / 1.5));
  CHECK(close(compile("stable(1, at=2) >> inv_time(scale=10)")(11), 2 / 2.0));
  CHECK(close(compile("inv_time(scale=10, from=3)")(0), 3));
  // DeepSpeed WarmupLR's log warmup: a + (b − a)·ln(1 + τ)/ln(1 + d).
  const auto log = compile("warmup(100, shape=log) >> stable()");
  CHECK(close(log(50), std::log1p(50.0) / std::log1p(100.0)));
  CHECK(log(100) == 1);
  // optax cosine_decay_schedule with exponent: min + (max − min)·((1 + cos πp)/2)^exponent.
  const auto cos2 = compile("cosine(100, min=0.1, exponent=2)");
  const double half = (1 + std::cos(std::numbers::pi * 0.3)) / 2;
  CHECK(close(cos2(30), 0.1 + 0.9 * half * half));
  CHECK(close(cos2(100), 0.1));
  CHECK(compile("cosine(100, exponent=1)")(30) == compile("cosine(100)")(30));
  CHECK(first_error("cosine(100, exponent=0)") == "`exponent` must be > 0, got 0");
  CHECK(first_error("inv_time(scale=0)") == "`scale` must be > 0, got 0");
}

namespace {
// PyTorch CyclicLR's get_lr (torch 1.13), written out for one step: the reference of §10.6.
double torch_cyclic(double step, double base, double peak, double up, double down, int mode,
                    double gamma = 1) {
  const double total = up + down, ratio = up / total;
  // cycle = ⌊1 + step/total⌋ and x = 1 + step/total − cycle, the remainder taken exactly (torch's
  // own doubles lose the low bits of x a million steps in).
  const double cycle = 1 + std::floor(step / total);
  const double x = std::fmod(step, total) / total;
  const double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
  const double factor = mode == 0   ? 1
                        : mode == 1 ? 1 / std::pow(2.0, cycle - 1)
                                    : std::pow(gamma, step);
  return base + (peak - base) * scale * factor;
}
}  // namespace

TEST_CASE("cyclic(up=, down=): asymmetric cycles in every mode, at their boundaries (§10.6)") {
  const char* const sources[] = {
      "cyclic(base=0.1, max=1, up=30, down=70)",
      "cyclic(base=0.1, max=1, up=30, down=70, mode=triangular2)",
      "cyclic(base=0.1, max=1, up=30, down=70, mode=exp_range, gamma=0.999)",
  };
  const double gammas[] = {1, 1, 0.999};
  for (int mode = 0; mode < 3; ++mode) {
    INFO(sources[mode]);
    const auto s = compile(sources[mode]);
    for (const double cycle : {0.0, 1.0, 2.0, 7.0, 10000.0}) {
      for (const double r : {0.0, 1.0, 15.0, 29.0, 30.0, 31.0, 64.5, 99.0}) {
        const double step = cycle * 100 + r;
        INFO("step ", step);
        CHECK(close(s(step), torch_cyclic(step, 0.1, 1, 30, 70, mode, gammas[mode])));
      }
    }
  }
  // The top of the first cycle is max, its bottoms are base.
  const auto s = compile(sources[0]);
  CHECK(s(30) == 1);
  CHECK(s(0) == 0.1);
  CHECK(s(100) == 0.1);
  CHECK(close(s(65), 0.1 + 0.9 * 0.5));
  // down defaults to up (PyTorch's step_size_down=None), and half is up = down.
  const auto half = compile("cyclic(base=0.1, max=1, half=40, mode=triangular2)");
  const auto up = compile("cyclic(base=0.1, max=1, up=40, mode=triangular2)");
  const auto both = compile("cyclic(base=0.1, max=1, up=40, down=40, mode=triangular2)");
  for (double step = 0; step < 400; step += 0.5) {
    CHECK(half(step) == up(step));
    CHECK(half(step) == both(step));
  }
  // Units and the duration rules: 3 ep up, 7 ep down; a finite cycle ends at its value at d.
  const auto epochs = compile(
      "steps_per_epoch = 10\nlr = cyclic(250, base=0, max=1, up=3 ep, "
      "down=7 ep) >> stable()");
  CHECK(close(epochs(215), 0.5));
  CHECK(close(epochs(249), torch_cyclic(249, 0, 1, 30, 70, 0)));
  CHECK(close(epochs(250), torch_cyclic(250, 0, 1, 30, 70, 0)));
  CHECK(close(epochs(1000), torch_cyclic(250, 0, 1, 30, 70, 0)));
}

TEST_CASE("cyclic(up=, down=): misuse") {
  CHECK(first_error("cyclic(base=0, max=1, half=10, up=5, down=5)") ==
        "`cyclic` takes either `half` or `up` and `down`, not both");
  CHECK(first_error("cyclic(base=0, max=1, half=10, down=5)") ==
        "`cyclic` takes either `half` or `up` and `down`, not both");
  CHECK(first_error("cyclic(base=0, max=1, down=5)") == "`cyclic` needs `up` with `down`");
  CHECK(first_error("cyclic(base=0, max=1)") ==
        "`cyclic` needs the argument `half` (or `up` and `down`)");
  CHECK(first_error("cyclic(base=0, max=1, up=0, down=5)") == "`up` must be > 0, got 0");
  CHECK(first_error("cyclic(base=0, max=1, up=5, down=0)") == "`down` must be > 0, got 0");
  tempo::Options options;
  const auto result = tempo::try_compile("cyclic(base=0, max=1, half=10, up=5)", options);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].hint == "half=h is up=h, down=h: keep one form");
  CHECK(result.diagnostics[0].column() == 32);  // at `up=5`
}
