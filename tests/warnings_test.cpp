// Warnings (issue 12 point 5): schedules that compile but are rarely what was meant. Each has its
// exact message, position and hint; none changes whether a compile succeeds.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "tempo/compile.hpp"

namespace {

struct Warning {
  std::uint32_t line, column;
  std::string message, hint;
  bool operator==(const Warning&) const = default;
};

std::vector<Warning> warnings(const std::string& source, std::optional<double> total = {}) {
  tempo::Options options;
  options.total = total;
  const auto result = tempo::try_compile_program(source, options);
  REQUIRE_MESSAGE(result.ok(), result.message());
  std::vector<Warning> out;
  for (const auto& d : result.warnings) {
    CHECK(d.severity == tempo::Severity::warning);
    out.push_back({d.line(), d.column(), d.message, d.hint});
  }
  return out;
}

using cli_test::Run;
using cli_test::tempo_cli;

}  // namespace

TEST_CASE("a phase whose length rounds to 0 is a warning; an explicit 0 is not") {
  CHECK(warnings("warmup(0.001) >> cosine()", 100) ==
        std::vector<Warning>{{1, 8, "`warmup(0.001)` lasts 0 steps: its duration rounds to 0",
                              "`0.001` is 0.1 steps; durations are whole steps: give at least 1, "
                              "or leave the phase out"}});
  CHECK(warnings("stable(100) >> cosine()", 100) ==
        std::vector<Warning>{{1, 16, "`cosine()` lasts 0 steps: the other phases fill its space",
                              "shorten the other phases or give a larger total, or leave this "
                              "phase out"}});
  CHECK(warnings("stable(0) >> cosine(100)").empty());
}

TEST_CASE("a milestone at or past its phase's end is a warning") {
  CHECK(warnings("warmup(1000) >> multistep(9000, at=[3000, 9000, 12000])") ==
        std::vector<Warning>{
            {1, 36,
             "milestones 9000, 12000 are at or past the end of `multistep(9000, at=[3000, "
             "9000, 12000])` (9000 steps), so they never apply",
             "milestones count from the phase's start (step 1000): a milestone at step M of the "
             "run is written M - 1000"}});
  CHECK(warnings("multistep(100, at=[30, 60, 90])").empty());
}

TEST_CASE("a jump at a phase boundary that nobody wrote is a warning, with what was meant") {
  // One warning: the steps near 0 after the drop are the same mistake.
  CHECK(warnings("warmup(2000) >> cosine(min=0.1) * 3e-4", 100000) ==
        std::vector<Warning>{
            {1, 17,
             "the schedule jumps from 1 to 0.0003 at step 2000, where `cosine(min=0.1) * 3e-4` "
             "starts",
             "`*` binds tighter than `>>`, so it applies to `cosine(min=0.1)` alone, which starts "
             "from the level; did you mean `3e-4 * (warmup(2000) >> cosine(min=0.1))`?"}});
  CHECK(warnings("warmup(100) >> cosine(900) + 2") ==
        std::vector<Warning>{
            {1, 16, "the schedule jumps from 1 to 3 at step 100, where `cosine(900) + 2` starts",
             "`+` binds tighter than `>>`, so it applies to `cosine(900)` alone, "
             "which starts from the level; did you mean `(warmup(100) >> "
             "cosine(900)) + 2`?"}});
  // Exactly half the peak is not more than half.
  CHECK(warnings("warmup(100) >> cosine(900) + 1").empty());
  // A restart the user wrote is no mistake.
  CHECK(warnings("warmup(100) >> stable(100, at=0.1) >> cosine(800)").empty());
  CHECK(warnings("1.5e-4 * (warmup(2000) >> cosine(min=0.1))", 2e6).empty());
}

TEST_CASE("a run that spends more than 10% of its steps at or below 1% of the peak is a warning") {
  CHECK(warnings("warmup(100) >> linear(100) >> stable()", 10000) ==
        std::vector<Warning>{{1, 1, "98% of the run's steps are at or below 1% of the peak (1)",
                              "check the phases' lengths and the decay's `min`: steps that close "
                              "to 0 train very little"}});
  CHECK(warnings("warmup(100) >> cosine()", 10000).empty());
}

TEST_CASE("a warmup longer than 25% of the run is a warning") {
  CHECK(warnings("warmup(30%) >> cosine(min=0.1)", 100000) ==
        std::vector<Warning>{{1, 1, "`warmup(30%)` takes 30% of the run (30000 of 100000 steps)",
                              "warmups usually take a few percent of a run; check its length (a "
                              "bare `0.3` is 30% of total)"}});
  CHECK(warnings("warmup(25%) >> cosine(min=0.1)", 100000).empty());
}

TEST_CASE("a decay whose min is above its start is a warning") {
  CHECK(warnings("warmup(100) >> cosine(100, min=2)") ==
        std::vector<Warning>{{1, 28, "`cosine(100, min=2)` rises: it starts at 1 and ends at min=2",
                              "`min` is where a decay ends; for a rise write "
                              "`warmup(100, from=1, to=2)`"}});
  CHECK(warnings("warmup(100) >> decay(100, min=0.5, max=0.4)").size() == 1);
  CHECK(warnings("warmup(100) >> cosine(100, min=0.1)").empty());
}

TEST_CASE("a binding used by another warns once") {
  CHECK(warnings("a = warmup(100) >> cosine(100, min=2)\nlr = 2 * a").size() == 1);
}

TEST_CASE("tempo check prints warnings like errors and exits 0, or 1 with --werror") {
  const Run r = tempo_cli({"check", "-e", "warmup(100) >> cosine(100, min=2)"});
  CHECK(r.status == 0);
  CHECK(r.out == "<expr>: ok (1 schedule, 1 warning)\n");
  CHECK(r.err ==
        "<expr>:1:28: warning: `cosine(100, min=2)` rises: it starts at 1 and ends at min=2\n"
        "   |\n"
        " 1 | warmup(100) >> cosine(100, min=2)\n"
        "   |                            ^~~~~\n"
        "   = hint: `min` is where a decay ends; for a rise write `warmup(100, from=1, to=2)`\n");
  const Run strict = tempo_cli({"check", "--werror", "-e", "warmup(100) >> cosine(100, min=2)"});
  CHECK(strict.status == 1);
  // No `ok` line for what fails: the warnings, then the file's verdict, on stderr.
  CHECK(strict.out.empty());
  CHECK(strict.err == r.err + "<expr>: error: 1 warning treated as an error (--werror)\n");
  const Run two = tempo_cli({"check", "--werror", "-e",
                             "a = warmup(100) >> cosine(100, min=2)\n"
                             "b = warmup(100) >> decay(100, min=3)"});
  CHECK(two.status == 1);
  CHECK(two.out.empty());
  CHECK(two.err.ends_with("\n<expr>: error: 2 warnings treated as errors (--werror)\n"));
  const Run json = tempo_cli(
      {"check", "--werror", "--format", "json", "-e", "warmup(100) >> cosine(100, min=2)"});
  CHECK(json.status == 1);
  const auto document = nlohmann::json::parse(json.out);
  CHECK(document["ok"] == false);
  CHECK(document["files"][0]["ok"] == false);
  CHECK(document["files"][0]["warnings"].size() == 1);
  CHECK(tempo_cli({"check", "--werror", "-e", "warmup(100) >> cosine(100)"}).status == 0);
  // eval is quiet about them.
  CHECK(tempo_cli({"eval", "-e", "warmup(100) >> cosine(100, min=2)", "--at", "0"}).err.empty());
}

TEST_CASE("Options::warnings = false skips the warnings pass and nothing else") {
  const std::string source = "warmup(60000) >> cosine()";  // a warmup of 60% of the run
  tempo::Options options;
  options.total = 100000;
  const auto warned = tempo::try_compile_program(source, options);
  REQUIRE(warned.ok());
  CHECK(warned.warnings.size() == 1);
  options.warnings = false;
  const auto quiet = tempo::try_compile_program(source, options);
  REQUIRE(quiet.ok());
  CHECK(quiet.warnings.empty());
  const auto& a = warned.value->main();
  const auto& b = quiet.value->main();
  CHECK(a.fingerprint() == b.fingerprint());
  for (double step : {0.0, 1.0, 59999.0, 60000.0, 77777.0, 100000.0}) CHECK(a(step) == b(step));
  // compile() drops the warnings: the same schedule as try_compile's.
  options.warnings = true;
  CHECK(tempo::compile(source, options).fingerprint() == a.fingerprint());
}
