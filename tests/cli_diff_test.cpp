// `tempo diff`, `-` as FILE, and the bash completion script.
#include <doctest/doctest.h>

#include <iostream>
#include <sstream>

#include "cli_support.hpp"

using cli_test::example;
using cli_test::Run;
using cli_test::tempo_cli;

namespace {

const std::string wsd = "warmup(2000) >> stable() >> decay(10%)";

// Runs the CLI with `input` as standard input.
Run with_stdin(const std::string& input, std::vector<std::string> args) {
  std::istringstream in(input);
  auto* saved = std::cin.rdbuf(in.rdbuf());
  const Run r = tempo_cli(std::move(args));
  std::cin.rdbuf(saved);
  return r;
}

}  // namespace

TEST_CASE("diff: extending a WSD run leaves every value before the cooldown identical") {
  const Run r = tempo_cli({"diff", "-e", wsd, "--total", "100k", "--vs-total", "120k"});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  // A's decay starts at 90000 from the plateau's value 1, so step 90000 is still the same.
  CHECK(r.out == "A: " + wsd +
                     ", total 100000\n"
                     "B: " +
                     wsd +
                     ", total 120000\n"
                     "compared: steps 0 to 119999\n"
                     "first difference:        step 90001 (A 0.9999, B 1)\n"
                     "max absolute difference: 1 at step 100000 (A 0, B 1)\n"
                     "max relative difference: 1 at step 100000 (A 0, B 1)\n"
                     "\n"
                     "phase            A start       A end     B start       B end  verdict\n"
                     "warmup(2000)           0        2000           0        2000  identical\n"
                     "stable()            2000       90000        2000      108000  extended\n"
                     "decay(10%)         90000      100000      108000      120000  changed\n");
  const Run before =
      tempo_cli({"diff", "-e", wsd, "--total", "100k", "--vs-total", "120k", "--until", "90000"});
  CHECK(before.status == 0);
  CHECK(before.out.find("compared: steps 0 to 89999\nidentical: every value is the same\n") !=
        std::string::npos);
  CHECK(before.out.ends_with(
      "warmup(2000)           0        2000           0        2000  identical\n"
      "stable()            2000       90000        2000      108000  identical\n"
      "decay(10%)         90000      100000      108000      120000  not compared\n"
      "\n"
      "continues: B equals A bit for bit at every step before 90000 (90000 proven, 0 compared)\n"
      "fingerprints: A d8d9d798cba97c84, B 4868f1539406d3e3\n"));
  // Step 90000 is still the same value; A's stable() has ended there: B's lasts longer.
  const Run one_more =
      tempo_cli({"diff", "-e", wsd, "--total", "100k", "--vs-total", "120k", "--until", "90001"});
  CHECK(one_more.status == 0);
  CHECK(one_more.out.find(
            "stable()            2000       90000        2000      108000  extended\n") !=
        std::string::npos);
  CHECK(tempo_cli({"diff", "-e", wsd, "--total", "100k", "--vs-total", "120k", "--until", "90002"})
            .status == 1);
}

TEST_CASE("diff: two expressions, a phase inserted, shifted phases") {
  const Run r = tempo_cli({"diff", "-e", "warmup(10) >> cosine(10)", "-e",
                           "stable(5, at=0) >> warmup(10) >> cosine(10)"});
  CHECK(r.status == 1);
  CHECK(r.out.ends_with(
      "phase               A start       A end     B start       B end  verdict\n"
      "stable(5, at=0)           -           -           0           5  changed\n"
      "warmup(10)                0          10           5          15  shifted\n"
      "cosine(10)               10          20          15          25  shifted\n"));
  CHECK(r.out.find("first difference:        step 1 (A 0.1, B 0)\n") != std::string::npos);
  const Run same =
      tempo_cli({"diff", "-e", "warmup(10) >> cosine(10)", "-e", "warmup(10)>>cosine( 10 )"});
  CHECK(same.status == 0);
  CHECK(same.out.find("identical: every value is the same\n") != std::string::npos);
}

TEST_CASE("diff: two bindings of one file, two files") {
  const std::string trainer = example("trainer/schedules.tempo");
  const Run r = tempo_cli({"diff", trainer, "--name", "lr_wsd", "--name", "lr_wsd_branch"});
  CHECK(r.status == 1);
  CHECK(r.out.starts_with("A: " + trainer + " (lr_wsd), total 1500\nB: " + trainer +
                          " (lr_wsd_branch), total 1500\ncompared: steps 0 to 1499\n"
                          "first difference:        step 1001 (A 0.02, B 0.019150294168550082)\n"));
  CHECK(r.out.ends_with(
      "warmup(150)                           0         150           0         150  identical\n"
      "stable(0.75)                        150        1275           -           -  changed\n"
      "stable(850)                           -           -         150        1000  changed\n"
      "decay(shape=sqrt, min=0.05)        1275        1500        1000        1500  changed\n"));
  const std::string card = example("design-card.tempo");
  CHECK(tempo_cli({"diff", card, card}).status == 0);
  CHECK(tempo_cli({"diff", card, example("llama3-70b.tempo")}).status == 1);
}

TEST_CASE("diff: usage errors and schedule errors exit 2") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"diff", "-e", "1"},
       "tempo diff: give two schedules: A B, one FILE with two --names, or --vs-total N\n"},
      {{"diff", "-e", "1", "-e", "2", "-e", "3"},
       "tempo diff: give two schedules: A B, one FILE with two --names, or --vs-total N\n"},
      {{"diff", "-e", "1", "-e", "2", "--vs-total", "5"},
       "tempo diff: give two schedules: A B, one FILE with two --names, or --vs-total N\n"},
      {{"diff", "-e", "warmup(5) >> stable()", "-e", "1"},
       "tempo diff: the schedules have no total, so there is no end to compare up to\n"
       "   = hint: give --total N or --until STEP\n"},
      {{"diff", "-e", "1", "-e", "2", "--until", "x"},
       "tempo diff: --until: `x` is not a number\n"},
      {{"diff", "-e", "1", "--vs-total", "0"}, "tempo diff: --vs-total must be > 0\n"},
      {{"diff", "-e", "1", "--total", "2e9", "--vs-total", "3e9"},
       "tempo diff: 3000000000 steps to compare, more than 1000000000\n"
       "   = hint: compare the first steps with --until STEP\n"},
  };
  for (const auto& [args, message] : cases) {
    INFO(message);
    const Run r = tempo_cli(args);
    CHECK(r.status == 2);
    CHECK(r.err.starts_with(message));
  }
  const Run bad = tempo_cli({"diff", "-e", "cosin()", "-e", "1"});
  CHECK(bad.status == 2);  // 1 means "different"
  CHECK(bad.err.starts_with("<expr>:1:1: error: unknown function `cosin`\n"));
  CHECK(tempo_cli({"diff", "-e", "1", "-e", "1", "--until", "3"}).status == 0);
}

TEST_CASE("`-` as FILE reads the source from standard input") {
  CHECK(with_stdin("lr = warmup(10)\n", {"eval", "-", "--at", "5"}).out == "5\t0.5\n");
  CHECK(with_stdin("lr = warmup(10)\n", {"check", "-"}).out == "<stdin>: ok (1 schedule)\n");
  const Run bad = with_stdin("lr = cosin(10)\n", {"check", "-"});
  CHECK(bad.status == 1);
  CHECK(bad.err.starts_with("<stdin>:1:6: error: unknown function `cosin`\n"));
  CHECK(with_stdin("warmup( 10 )", {"fmt", "-"}).out == "warmup(10)\n");
}

TEST_CASE("the bash completion script is the one the command table generates") {
  CHECK(
      cli_test::read_file(std::string(TEMPO_SOURCE_DIR) + "/bindings/cli/tempo.bash-completion") ==
      tempo_cli({"reference", "bash-completion"}).out);
}
