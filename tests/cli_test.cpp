// The `tempo` command line (LANGUAGE.md §9): output format, exit codes, usage errors, and a
// golden file per subcommand so that user-visible text only changes on purpose.
#include "../bindings/cli/cli.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../bindings/cli/command.hpp"
#include "cli_support.hpp"

using cli_test::example;
using cli_test::golden;
using cli_test::Run;
using cli_test::tempo_cli;

TEST_CASE("eval prints the step, a tab and the shortest round-trip value, one line per step") {
  const Run r = tempo_cli({"eval", "-e", "warmup(2000) >> stable(0.9) >> cosine(min=0.1)",
                           "--total", "100000", "--at", "0,1,1999,92001,1000000,2.5"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "0\t0\n1\t0.0005\n1999\t0.9995\n92001\t0.9999999653021725\n1000000\t0.1\n2.5\t0.00125\n");
}

TEST_CASE("eval --range A:B[:STRIDE] excludes B") {
  CHECK(tempo_cli({"eval", "-e", "warmup(4)", "--range", "0:4"}).out ==
        "0\t0\n1\t0.25\n2\t0.5\n3\t0.75\n");
  CHECK(tempo_cli({"eval", "-e", "warmup(4)", "--range", "0:10:4"}).out == "0\t0\n4\t1\n8\t1\n");
  CHECK(tempo_cli({"eval", "-e", "warmup(4)", "--range", "1:2:0.5"}).out ==
        "1\t0.25\n1.5\t0.375\n");
}

TEST_CASE("eval reads files, picks schedules by name and takes overrides") {
  const std::string file = example("llama3-70b.tempo");
  CHECK(tempo_cli({"eval", file, "--at", "1000"}).out == "1000\t7.5e-05\n");
  CHECK(tempo_cli({"eval", file, "--name", "wd", "--at", "5"}).out == "5\t0.1\n");
  CHECK(tempo_cli({"eval", file, "--total", "4000", "--at", "3000"}).out == "3000\t8.25e-05\n");
  CHECK(tempo_cli({"eval", file, "--set", "total=4_000", "--set", "peak=1", "--at", "3000"}).out ==
        "3000\t0.55\n");
  CHECK(tempo_cli({"eval", file, "--total", "2M", "--at", "2000000"}).out ==
        "2000000\t1.4999999999999999e-05\n");
}

TEST_CASE("-e takes the next argument as the expression even when it starts with '-'") {
  CHECK(tempo_cli({"eval", "-e", "-1 + warmup(10)", "--at", "5"}).out == "5\t-0.5\n");
}

TEST_CASE("eval --observe binds the schedules to a record; a bad line is a diagnostic") {
  const std::string record = std::string(TEMPO_SOURCE_DIR) + "/examples/observations.csv";
  CHECK(tempo_cli({"eval", "-e", "warmup(2) >> plateau(patience=1, factor=0.5)", "--observe",
                   record, "--at", "4.5,5,5.5"})
            .out == "4.5\t1\n5\t1\n5.5\t0.5\n");
  const std::string bad = std::string(TEMPO_SOURCE_DIR) + "/tests/data/observations-bad.csv";
  const Run r = tempo_cli({"eval", "-e", "plateau()", "--observe", bad, "--at", "0"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == bad +
                     ":3:3: error: the metric name must be an identifier, got `val/loss`\n"
                     "   |\n 3 | 2,val/loss,1.5\n   |   ^~~~~~~~\n"
                     "   = hint: letters, digits and _, not starting with a digit, as in "
                     "metric=val_loss\n");
  CHECK(tempo_cli({"eval", "-e", "plateau()", "--observe", "/no/such.csv", "--at", "0"}).err ==
        "error: cannot read `/no/such.csv`\n");
}

TEST_CASE("a schedule error prints the diagnostic to stderr and exits 1") {
  const Run r = tempo_cli({"eval", "-e", "warmup(2000) >> cosin(min=0.1)", "--at", "0"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == golden("eval-error.txt"));
  CHECK(tempo_cli({"eval", "-e", "", "--at", "0"}).status == 1);
  CHECK(tempo_cli({"eval", "-e", "", "--at", "0"})
            .err.starts_with("<expr>:1:1: error: the source is empty\n"));
  CHECK(tempo_cli({"eval", "/no/such/file.tempo", "--at", "0"}).err ==
        "error: cannot read `/no/such/file.tempo`\n");
}

TEST_CASE("usage errors exit 2 and explain themselves") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"eval", "-e", "1"}, "tempo eval: give the steps with --at or --range"},
      {{"eval", "-e", "1", "--at", "1,x"}, "tempo eval: --at: `x` is not a number"},
      {{"eval", "-e", "1", "--at", "1,"},
       "tempo eval: --at takes a comma-separated list of steps, e.g. --at 0,1000,2000"},
      {{"eval", "-e", "1", "--at", ""},
       "tempo eval: --at takes a comma-separated list of steps, e.g. --at 0,1000,2000"},
      {{"eval", "-e", "1", "--range", "5"},
       "tempo eval: --range takes A:B or A:B:STRIDE, e.g. --range 0:1000:100"},
      {{"eval", "-e", "1", "--range", "0:5:0"}, "tempo eval: --range: STRIDE must be > 0"},
      {{"eval", "-e", "1", "--at", "1", "--range", "0:2"},
       "tempo eval: give one of --at and --range"},
      {{"eval", "-e", "1", "--at", "1", "--bogus"}, "tempo eval: unknown option `--bogus`"},
      {{"eval", "-e", "1", "--at"}, "tempo eval: --at needs a value"},
      {{"eval", "-e", "1", "--total", "-5", "--at", "0"}, "tempo eval: --total must be > 0"},
      {{"eval", "-e", "1", "--set", "x", "--at", "0"}, "tempo eval: --set takes K=V, got `x`"},
      {{"eval", "--at", "0"}, "tempo eval: give one FILE or -e EXPR"},
      {{"eval", "a.tempo", "-e", "1", "--at", "0"}, "tempo eval: give a FILE or -e EXPR, not both"},
      {{"frobnicate"}, "tempo frobnicate: unknown command `frobnicate`"},
  };
  for (const auto& [args, message] : cases) {
    INFO(message);
    const Run r = tempo_cli(args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    // A command's usage error shows that command's usage; an unknown command, every command.
    const std::string usage = args[0] == "frobnicate" ? "<command>" : args[0];
    CHECK(r.err.starts_with(message + "\n\nusage: tempo " + usage + " "));
  }
}

TEST_CASE("--range whose end is before its start is a usage error with a hint") {
  const Run r = tempo_cli({"eval", "-e", "warmup(10)", "--range", "2k:10:5"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(
      r.err.starts_with("tempo eval: --range 2k:10:5: the end is before the start\n"
                        "   = hint: the steps count up from A to B (excluded): --range 10:2k:5\n"
                        "\nusage: tempo eval (FILE | -e EXPR)"));
  CHECK(tempo_cli({"eval", "-e", "warmup(10)", "--range", "3:3"})
            .out.empty());  // empty, not an error
}

TEST_CASE("explain prints the resolved phase table") {
  CHECK(tempo_cli({"explain", example("design-card.tempo")}).out ==
        golden("explain-design-card.txt"));
  CHECK(tempo_cli({"explain", example("llama3-70b.tempo"), "--name", "beta1"}).out ==
        golden("explain-llama3-beta1.txt"));
}

TEST_CASE("check reports every file and exits 1 if any has an error") {
  const Run ok = tempo_cli({"check", example("design-card.tempo"), example("llama3-70b.tempo")});
  CHECK(ok.status == 0);
  CHECK(ok.out == example("design-card.tempo") + ": ok (1 schedule)\n" +
                      example("llama3-70b.tempo") + ": ok (4 schedules)\n");
  const Run bad = tempo_cli({"check", example("design-card.tempo"), "/no/such.tempo"});
  CHECK(bad.status == 1);
  CHECK(bad.err == "error: cannot read `/no/such.tempo`\n");
}

TEST_CASE("fmt prints the canonical source") {
  CHECK(tempo_cli({"fmt", example("llama3-70b.tempo")}).out == golden("fmt-llama3.txt"));
  CHECK(tempo_cli({"fmt", "-e", "warmup( 2k )>>cosine(min=.1)"}).out ==
        "warmup(2k) >> cosine(min=.1)\n");
}

TEST_CASE("help lists every phase from the registration table, and describes one") {
  CHECK(tempo_cli({"--help"}).out == golden("help.txt"));
  CHECK(tempo_cli({"help"}).out == golden("help.txt"));
  CHECK(tempo_cli({"help", "cosine"}).out == golden("help-cosine.txt"));
  CHECK(tempo_cli({"help", "cosin"}).status == 2);
  CHECK(tempo_cli({"help", "cosin"}).err ==
        "tempo help: no command, phase or function named `cosin`\n");
}

TEST_CASE("help COMMAND and COMMAND --help describe a command from the command table") {
  CHECK(tempo_cli({"help", "eval"}).out == golden("help-eval.txt"));
  CHECK(tempo_cli({"eval", "--help"}).out == golden("help-eval.txt"));
  CHECK(tempo_cli({"eval", "--help"}).status == 0);
  for (const std::string command : {"eval", "explain", "check", "fmt", "help", "version"}) {
    INFO(command);
    const Run r = tempo_cli({"help", command});
    CHECK(r.status == 0);
    CHECK(r.out.starts_with("usage: tempo " + command));
    CHECK(r.out.find("\nexample:\n  $ tempo " + command) != std::string::npos);
    CHECK(tempo_cli({command, "-h"}).out == r.out);
    CHECK(tempo_cli({"help"}).out.find("\n  " + command) != std::string::npos);
  }
}

TEST_CASE("every option a command takes is in its synopsis and its help") {
  for (const tempo::cli::Command* c : tempo::cli::commands()) {
    INFO(c->name);
    const std::string help = tempo_cli({"help", std::string(c->name)}).out;
    for (auto option : c->options) {
      INFO(option);
      CHECK(c->synopsis.find(option) != std::string_view::npos);
      CHECK(help.find("\n  " + std::string(option) + " ") != std::string::npos);
    }
  }
}

TEST_CASE("version and --version print the CMake project version") {
  CHECK(tempo_cli({"version"}).out == std::string("tempo ") + TEMPO_VERSION + "\n");
  CHECK(tempo_cli({"--version"}).out == std::string("tempo ") + TEMPO_VERSION + "\n");
  CHECK(tempo_cli({"version", "x"}).status == 2);
}
