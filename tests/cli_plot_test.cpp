// `tempo plot` and `tempo check CONFIG --key KEY` through the command line: what they print,
// their exit codes and usage errors, and the README's SVG, which must be what its command draws.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace {

using cli_test::Run;
using cli_test::tempo_cli;

std::string path(const std::string& relative) {
  return std::string(TEMPO_SOURCE_DIR) + "/" + relative;
}

std::string read(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("plot draws the phases, the axes in human units and a legend") {
  const Run r = tempo_cli(
      {"plot", "-e", "warmup(10) >> stable(10) >> linear(10)", "--width", "40", "--height", "4"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "     ⣀⣀ warmup(10) >> stable(10) >> linear(10)\n"
        "     warmup(10)  stable(10) linear(10)\n"
        "  1 ┤         ⣠⠴⠋⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠳⢤⡀\n"
        "    │      ⣠⠴⠋⠁ ┊          ┊  ⠉⠳⢤⡀\n"
        "0.5 ┤   ⣠⠴⠋⠁    ┊          ┊     ⠉⠳⢤⡀\n"
        "  0 ┤⣠⠴⠋⠁       ┊          ┊        ⠉⠳⢤\n"
        "    └┬──────────┬──────────┬──────────┬\n"
        "     0         10         20         30\n");
}

TEST_CASE("plot --svg - writes the SVG to standard output; the README's SVG is its command's") {
  const Run r =
      tempo_cli({"plot", path("examples/design-card.tempo"), "--vs-total", "200k", "--svg", "-"});
  CHECK(r.status == 0);
  CHECK(r.out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\""));
  CHECK(r.out.find(">lr (total 100k)</text>") != std::string::npos);
  CHECK(r.out.find(">lr (total 200k)</text>") != std::string::npos);
  CHECK(r.out.find(">cosine(min=0.1)</text>") != std::string::npos);
  // README.md: tempo plot examples/design-card.tempo --vs-total 200k --svg docs/plot.svg
  CHECK(r.out == read(path("docs/plot.svg")));
}

TEST_CASE("plot: what it cannot draw is a usage error with a hint") {
  Run r = tempo_cli({"plot", "-e", "inv_sqrt(scale=100)"});
  CHECK(r.status == 2);
  CHECK(
      r.err.starts_with("tempo plot: the schedule runs forever and has no total\n"
                        "   = hint: give --total N or --range A:B\n"));
  r = tempo_cli({"plot", "-e", "warmup(10)", "--range", "0:10:2"});
  CHECK(r.status == 2);
  CHECK(r.err.starts_with("tempo plot: plot takes --range A:B, e.g. --range 0:10k\n"));
  r = tempo_cli({"plot", "-e", "warmup(10)", "--range", "5:5"});
  CHECK(r.err.starts_with("tempo plot: --range 5:5: the end is not after the start\n"));
  r = tempo_cli({"plot", "-e", "warmup(10)", "--width", "0"});
  CHECK(r.err.starts_with("tempo plot: --width takes a whole number from 1 to 100000\n"));
  r = tempo_cli({"plot", path("examples/llama3-70b.tempo"), "--name", "lr", "--name", "wd",
                 "--vs-total", "1M"});
  CHECK(r.err.starts_with("tempo plot: --vs-total compares one schedule\n"));
  r = tempo_cli({"plot", "-e", "cosin()"});
  CHECK(r.status == 1);
  CHECK(r.err.starts_with("<expr>:1:1: error: unknown function `cosin`\n"));
}

TEST_CASE("check CONFIG --key KEY: one line per schedule, errors in the config, exit 1") {
  const std::string hydra = path("tests/data/configs/hydra.yaml");
  Run r = tempo_cli({"check", hydra, "--key", "optimizer.beta2", "--key", "trainer.max_steps",
                     "--total", "100k"});
  CHECK(r.status == 0);
  CHECK(r.out == hydra + ": optimizer.beta2: ok\n" + hydra + ": trainer.max_steps: ok\n");
  r = tempo_cli({"check", hydra, "--key", "optimizer.weight_decay", "--total", "100k"});
  CHECK(r.status == 1);
  CHECK(r.err.starts_with(hydra + ":18:27: error: `linear` has no argument `shap`\n"));
  r = tempo_cli({"check", path("tests/data/configs/deepspeed.json"), "--key",
                 "scheduler.params.tempo_lr", "--total", "10k"});
  CHECK(r.status == 1);
  CHECK(r.err.find("deepspeed.json:20:65: error: `cosine` has no argument `mn`\n") !=
        std::string::npos);
  r = tempo_cli(
      {"check", path("tests/data/configs/torchtitan.toml"), "--key", "lr_scheduler.min_lr"});
  CHECK(r.status == 0);
  // Without --key, a config needs a `tempo` table.
  r = tempo_cli({"check", hydra});
  CHECK(r.status == 1);
  CHECK(r.err == hydra +
                     ": error: no top-level `tempo` table to take the schedules from\n"
                     "   = hint: name the schedules with --key, e.g. --key optimizer.lr\n");
  r = tempo_cli({"check", path("examples/design-card.tempo"), "--key", "lr"});
  CHECK(r.status == 2);
  CHECK(r.err.starts_with("tempo check: --key names a schedule in a YAML, TOML or JSON config\n"));
}
