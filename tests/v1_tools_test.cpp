// The version 1 constructs (LANGUAGE.md §10) through the tools: `tempo fmt` prints each in
// canonical form and reads it back to the same schedules, and `tempo explain` shows their
// phases where they are.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "tempo/compile.hpp"

namespace {

using tempo::testing::close;

// Every v1 construct, written untidily, and its canonical form.
struct Case {
  std::string written, canonical;
};
const Case cases[] = {
    {"x=14.8T tok", "x = 14.8T tok"},
    {"tokens_per_step=2048*(stable(10,at=1)>>stable(at=4))",
     "tokens_per_step = 2048 * (stable(10, at=1) >> stable(at=4))"},
    {"total=300M tok", "total = 300M tok"},
    {"lr=take( 4k,warmup(3 ep)>>stable() )>>cosine(200M tok-10M tok,min=.1,exponent=2)>>"
     "cyclic(base=0,max=1,up=3,down=7,mode=exp_range,gamma=.99)",
     "lr = take(4k, warmup(3 ep) >> stable()) >> cosine(200M tok - 10M tok, min=.1, exponent=2) >> "
     "cyclic(base=0, max=1, up=3, down=7, mode=exp_range, gamma=.99)"},
    {"a=inv_time(500,scale=10,rate=.5,staircase=true,from=2)>>exponential(gamma=.9,from=1)",
     "a = inv_time(500, scale=10, rate=.5, staircase=true, from=2) >> exponential(gamma=.9, "
     "from=1)"},
    {"b=curve(1/sqrt(max(step,10_000)))", "b = curve(1 / sqrt(max(step, 10_000)))"},
    {"c=warmup(100,shape=log)>>multistep(700,at=[30 ep,60 ep],from=1)>>staircase(every=2 "
     "ep,from=3)",
     "c = warmup(100, shape=log) >> multistep(700, at=[30 ep, 60 ep], from=1) >> staircase(every=2 "
     "ep, "
     "from=3)"},
    {"d=inv_sqrt(100,scale=1 ep,from=.5)>>take(50,cyclic(base=0,max=1,half=10))>>decay(10,"
     "shape=log)",
     "d = inv_sqrt(100, scale=1 ep, from=.5) >> take(50, cyclic(base=0, max=1, half=10)) >> "
     "decay(10, shape=log)"},
    {"e2=sqrt(tokens_per_step/8192)*curve(level*0.5^(t/1 ep))",
     "e2 = sqrt(tokens_per_step / 8192) * curve(level * 0.5^(t / 1 ep))"},
};

tempo::Options with_epochs() {
  tempo::Options options;
  options.steps_per_epoch = 10;
  options.require_main = false;
  return options;
}

}  // namespace

TEST_CASE("tempo fmt: every v1 construct in canonical form, read back to the same schedules") {
  std::string written, canonical;
  for (const auto& c : cases) {
    INFO(c.written);
    const auto one = tempo::format_source(c.written);
    REQUIRE_MESSAGE(one.ok(), one.message());
    CHECK(*one.value == c.canonical + "\n");
    written += c.written + "\n";
    canonical += c.canonical + "\n";
  }
  const auto formatted = tempo::format_source(written);
  REQUIRE(formatted.ok());
  CHECK(*formatted.value == canonical);
  CHECK(*tempo::format_source(canonical).value == canonical);  // a fixed point
  const auto before = tempo::try_compile_program(written, with_epochs());
  const auto after = tempo::try_compile_program(canonical, with_epochs());
  REQUIRE_MESSAGE(before.ok(), before.message());
  REQUIRE_MESSAGE(after.ok(), after.message());
  CHECK(before.value->names().size() == 7);  // x and total are constants, not schedules
  for (const auto& name : before.value->names()) {
    INFO(name);
    const tempo::Schedule& a = *before.value->find(name);
    const tempo::Schedule& b = *after.value->find(name);
    for (double step = 0; step < 1e5; step = step * 1.3 + 1) CHECK(a(step) == b(step));
  }
  // And the CLI prints the same.
  CHECK(cli_test::tempo_cli({"fmt", "-e", written}).out == canonical);
}

TEST_CASE("tempo explain: the phases of take, from=, inv_time, exponent, log, curve, cyclic") {
  tempo::Options options;
  options.total = 100000;
  auto rows = [&](const std::string& source) { return tempo::compile(source, options).phases(); };
  // take: the trunk's phases up to the checkpoint, then the branch.
  auto p = rows("take(40k, warmup(2000) >> stable()) >> decay(10%, shape=sqrt)");
  REQUIRE(p.size() == 3);
  CHECK(p[0].name == "warmup(2000)");
  CHECK(p[1].name == "stable()");
  CHECK((p[1].start == 2000 && p[1].end == 40000 && p[1].end_value == 1));
  CHECK(p[2].name == "decay(10%, shape=sqrt)");
  CHECK((p[2].start == 40000 && p[2].end == 50000 && p[2].end_value == 0));
  // A cut: the phase that is cut ends at d, at the limit from below, named after the take.
  p = rows("take(5k, warmup(2000) >> cosine(8000)) >> linear(1000)");
  REQUIRE(p.size() == 3);
  CHECK(p[1].name == "take(5k, warmup(2000) >> cosine(8000)) [2/2]");
  CHECK((p[1].start == 2000 && p[1].end == 5000));
  CHECK(close(p[1].end_value, (1 + std::cos(std::numbers::pi * 3000 / 8000)) / 2));
  CHECK(close(p[2].start_value, p[1].end_value));
  // from=: the phase starts at from, whatever the level, and ends at from·gamma^d.
  p = rows("warmup(10) >> exponential(10, gamma=0.5, from=2) >> staircase(90, every=30, from=1)");
  REQUIRE(p.size() == 3);
  CHECK((p[1].start_value == 2 && p[1].end_value == 2 * std::pow(0.5, 10)));
  CHECK((p[2].start_value == 1 && close(p[2].end_value, 0.01)));
  // inv_time with staircase ends at the stair before d: ⌊999/100⌋ = 9.
  p = rows("inv_time(1000, scale=100, rate=0.5, staircase=true)");
  REQUIRE(p.size() == 1);
  CHECK((p[0].start_value == 1 && close(p[0].end_value, 1 / (1 + 0.5 * 9))));
  p = rows("cosine(100, min=0.1, exponent=2) >> warmup(100, shape=log, from=0.1)");
  REQUIRE(p.size() == 2);
  CHECK((p[0].start_value == 1 && close(p[0].end_value, 0.1)));
  CHECK((p[1].start_value == 0.1 && p[1].end_value == 1));
  // The elastic curve fills what is left; the asymmetric cycle ends at its value at d.
  p = rows("warmup(100) >> curve(1 / sqrt(max(step, 10000)))");
  REQUIRE(p.size() == 2);
  CHECK(p[1].name == "curve(1 / sqrt(max(step, 10000)))");
  CHECK((p[1].start == 100 && p[1].end == 100000 && p[1].start_value == 0.01));
  p = rows("cyclic(250, base=0.1, max=1, up=30, down=70, mode=triangular2) >> stable()");
  REQUIRE(p.size() == 2);
  CHECK((p[0].end == 250 && close(p[0].end_value, 0.1 + 0.9 * (50.0 / 70) / 4)));
  // A token clock: the phases end where the tokens do.
  p = tempo::compile(
          "tokens_per_step = stable(10, at=1) >> stable(at=4)\n"
          "lr = stable(10 tok) >> cosine(50 tok - 10 tok) >> stable()")
          .phases();
  REQUIRE(p.size() == 3);
  CHECK((p[0].end == 10 && p[1].end == 20));  // 10 + ⌈40 / 4⌉
  // The CLI prints them.
  const auto shown = cli_test::tempo_cli(
      {"explain", "-e", "take(5k, warmup(2000) >> cosine(8000)) >> inv_time(scale=10, from=1)"});
  CHECK(shown.status == 0);
  CHECK(
      shown.out.find("take(5k, warmup(2000) >> cosine(8000)) [2/2]          2000          5000") !=
      std::string::npos);
  CHECK(
      shown.out.find("inv_time(scale=10, from=1)                            5000       forever") !=
      std::string::npos);
}
