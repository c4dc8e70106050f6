// The compiler's passes (resolve → plan → lower) on what the single interleaved walk before them
// got wrong: each case failed before the passes were split (issue 10, issue 14 items 4, 9, 12).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <string>

#include "tempo/compile.hpp"

namespace {

std::vector<std::string> messages(const std::string& source, const tempo::Options& options = {}) {
  std::vector<std::string> out;
  for (const auto& d : tempo::try_compile_program(source, options).diagnostics) {
    out.push_back(d.message);
  }
  return out;
}

double seconds_to_compile(const std::string& source) {
  const auto start = std::chrono::steady_clock::now();
  (void)tempo::try_compile(source);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("an unknown function is one error, not also a second elastic phase") {
  CHECK(messages("warmpu(2000) >> cosine()") ==
        std::vector<std::string>{"unknown function `warmpu`"});
}

TEST_CASE("phase table rows are named after the elements as written") {
  tempo::Options options;
  options.total = 100;
  const auto s = tempo::compile("warmup(10) >> (stable(at=0.5) + stable(at=0.25))", options);
  REQUIRE(s.phases().size() == 2);
  CHECK(s.phases()[0].name == "warmup(10)");
  CHECK(s.phases()[1].name == "(stable(at=0.5) + stable(at=0.25))");
  CHECK(s.phases()[1].start_value == 0.75);
}

TEST_CASE("--set of a name the source neither binds nor uses is an error with a suggestion") {
  tempo::Options options;
  options.set = {{"paek", "1"}};
  const auto result = tempo::try_compile("peak = 3e-4\nlr = peak * warmup(10)", options);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message == "--set paek: the source neither binds nor uses `paek`");
  CHECK(result.diagnostics[0].hint == "did you mean `peak`?");
  // A new name the source uses is what --set is for.
  options.set = {{"peak", "2"}};
  CHECK(tempo::compile("peak * warmup(10)", options)(10) == 2);
  options.set = {{"", "42"}};
  CHECK(messages("warmup(10)", options) == std::vector<std::string>{"--set ``: not a name"});
}

TEST_CASE("bindings of --set that refer to each other are a cycle, not an endless compile") {
  tempo::Options options;
  options.set = {{"a", "b + b"}, {"b", "a + a"}};
  const auto found = messages("a", options);
  REQUIRE(!found.empty());
  CHECK(found[0] == "`b` and `a` are defined in terms of each other");
}

TEST_CASE("a binding used twice is compiled once: doubling bindings compile in linear time") {
  std::string source = "a0 = warmup(10)\n";
  for (int i = 1; i <= 20; ++i) source += fmt::format("a{} = a{} + a{}\n", i, i - 1, i - 1);
  source += "lr = a20\n";
  const auto s = tempo::compile(source);
  CHECK(s(5) == 0.5 * (1 << 20));
  // The canonical source keeps the shared bindings as bindings, so it stays as small.
  CHECK(s.source().size() < 2 * source.size());
  CHECK(tempo::compile(s.source())(5) == s(5));
  std::string constants = "a0 = 1\n";
  for (int i = 1; i <= 24; ++i) constants += fmt::format("a{} = a{} + a{}\n", i, i - 1, i - 1);
  constants += "lr = a24 * warmup(10)\n";
  CHECK(tempo::compile(constants)(10) == 1 << 24);
  CHECK(seconds_to_compile(constants) < 1.0);
}

TEST_CASE("an interp of 10,000 points compiles without copying its text into every segment") {
  std::string points;
  for (int i = 0; i < 10000; ++i) points += fmt::format("{}[{}, {}]", i ? ", " : "", i * 10, i % 7);
  const auto s = tempo::compile("interp(" + points + ")");
  CHECK(s(55) == 5.5);
  CHECK(s.phases().size() == 9999);
  CHECK(s.phases()[2].name == "interp(…) [3/9999]");
}

TEST_CASE("the canonical source compiles, with the same context, to the identical schedule") {
  tempo::Options options;
  options.total = 10000;
  const auto s = tempo::compile("total = 1000\nlr = warmup(total / 10) >> cosine()", options);
  CHECK(s.source() == "warmup(total / 10) >> cosine()");
  CHECK(s.phases()[0].end == 1000);
  const auto again = tempo::compile(s.source(), options);
  for (double step : {0.0, 500.0, 1000.0, 5000.0, 10000.0}) CHECK(again(step) == s(step));
  // A binding that shadows a named constant is what both the compiler and the printer use.
  const auto pi = tempo::compile("pi = 2\nlr = pi * warmup(10)");
  CHECK(pi(10) == 2);
  CHECK(pi.source() == "2 * warmup(10)");
  // A substituted fraction stays a step count where a duration goes.
  const auto fraction = tempo::compile("x = 0.9\nlr = stable(x) >> stable(at=0.5)", options);
  CHECK(fraction.source() == "stable((0.9)) >> stable(at=0.5)");
  CHECK(fraction(1) == 0.5);
  CHECK(tempo::compile(fraction.source(), options)(1) == 0.5);
}

TEST_CASE("the canonical source carries the context the file set, so it compiles on its own") {
  const auto card =
      tempo::compile("total = 100_000\nlr = warmup(2000) >> stable(0.9) >> cosine(min=0.1)");
  CHECK(card.source() == "total = 100_000; warmup(2000) >> stable(0.9) >> cosine(min=0.1)");
  const auto alone = tempo::compile(card.source());
  CHECK(alone.total() == 100000);
  for (double step : {0.0, 1999.0, 2000.0, 92000.0, 96000.0, 100000.0}) {
    CHECK(alone(step) == card(step));
  }
  // A token clock that follows the batch size is a schedule: it travels as a binding, and a
  // binding it shares with the schedule is printed once.
  const auto tokens = tempo::compile(
      "batch = floor(warmup(100, from=1, to=8) >> stable())\n"
      "tokens_per_step = 1000 * batch\n"
      "steps_per_epoch = 50\n"
      "lr = batch * (warmup(20k tok) >> stable(2 ep) >> cosine(100, min=0.1))");
  CHECK(tokens.source() ==
        "steps_per_epoch = 50; batch = floor(warmup(100, from=1, to=8) >> stable()); "
        "tokens_per_step = 1000 * batch; "
        "batch * (warmup(20k tok) >> stable(2 ep) >> cosine(100, min=0.1))");
  const auto again = tempo::compile(tokens.source());
  for (double step = 0; step < 300; step += 7) CHECK(again(step) == tokens(step));
  // What the host gave is not in it: the host gives it again.
  tempo::Options host;
  host.total = 5000;
  CHECK(tempo::compile("total = 100\nlr = warmup(10) >> cosine()", host).source() ==
        "warmup(10) >> cosine()");
}

TEST_CASE("tempo fmt prints parentheses once, however often it runs") {
  const auto once = tempo::format_source("stable((0.5))");
  REQUIRE(once.ok());
  CHECK(*once.value == "stable((0.5))\n");
  CHECK(*tempo::format_source(*once.value).value == *once.value);
}

TEST_CASE("durations summing past 2^53 are an error, not lost phases") {
  CHECK(messages("stable(2^53) >> stable(2^53) >> linear(10, from=5)") ==
        std::vector<std::string>{"the phases of this sequence take more than 2^53 steps"});
}
