// The recipes in examples/, each evaluated at its phase boundaries against values computed by
// hand from the recipe's own formulas; and every example file through check, explain and fmt.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "support.hpp"
#include "tempo/compile.hpp"
#include "tempo/lua.hpp"

namespace {

using tempo::testing::close;

tempo::Schedule example_schedule(const std::string& file, const std::string& name = {}) {
  tempo::Options options;
  options.name = name;
  return tempo::compile_file(cli_test::example(file), options);
}

}  // namespace

TEST_CASE("examples/gpt3.tempo: 375M tokens of warmup, cosine to 10% at 260B, 300B in all") {
  // 2048 × 1536 = 3,145,728 tokens per step: 375M tokens are 119.2 steps, rounded to 119; the
  // cosine's 260B − 375M tokens are 82,533.4 steps, rounded to 82,533; it ends at step 82,652.
  const auto lr = example_schedule("gpt3.tempo");
  const double peak = 0.6e-4, per_step = 2048.0 * 1536;
  CHECK(lr.total() == 300e9 / per_step);  // 95,367.43: the context value as given
  REQUIRE(lr.phases().size() == 3);
  CHECK(lr.phases()[0].end == 119);
  CHECK(lr.phases()[1].end == 82652);
  CHECK(lr(0) == 0);
  CHECK(close(lr(60), peak * 60 / 119));
  CHECK(close(lr(119), peak));
  CHECK(close(lr(119 + 82533 / 2.0), peak * 0.55));  // halfway down: 0.1 + 0.9 / 2
  CHECK(
      close(lr(82651), peak * (0.1 + 0.9 * (1 + std::cos(std::numbers::pi * 82532 / 82533)) / 2)));
  CHECK(close(lr(82652), peak * 0.1));
  CHECK(close(lr(95367), peak * 0.1));
  CHECK(close(lr(1e6), peak * 0.1));
}

TEST_CASE("examples/deepseek-v3.tempo: a batch ramp, phases in tokens and the two-step tail") {
  // Tokens per step: 4096 × 3072 × j for the stairs j = 1..4 of 3727 steps each, then
  // 4096 × 15360 = 62,914,560. The stairs hold 4096 × 3072 × 3727 × (1 + 2 + 3 + 4) =
  // 468,965,130,240 tokens, so N tok (N past the ramp) is 14,908 + ⌈(N − 468,965,130,240) /
  // 62,914,560⌉: 10T → 166,400; 14.3T → 234,747; 14.633T → 240,040; 14.8T → 242,694.
  const auto lr = example_schedule("deepseek-v3.tempo");
  const auto batch = example_schedule("deepseek-v3.tempo", "batch");
  CHECK(batch(0) == 3072);
  CHECK(batch(3726) == 3072);
  CHECK(batch(3727) == 6144);
  CHECK(batch(14907) == 12288);
  CHECK(batch(14908) == 15360);
  CHECK(lr.total() == 242694);
  const double peak = 2.2e-4, floor = 2.2e-5;
  CHECK(lr(0) == 0);
  CHECK(close(lr(1000), peak / 2));
  CHECK(close(lr(2000), peak));
  CHECK(close(lr(166399), peak));
  CHECK(close(lr(166400), peak));  // the cosine starts at the level
  const double cosine_length = 234747 - 166400;
  CHECK(close(lr(166400 + cosine_length / 2), floor + (peak - floor) / 2));
  CHECK(close(lr(234746),
              floor + (peak - floor) *
                          (1 + std::cos(std::numbers::pi * (cosine_length - 1) / cosine_length)) /
                          2));
  CHECK(close(lr(234747), floor));
  CHECK(close(lr(240039), floor));
  CHECK(close(lr(240040), 7.3e-6));
  CHECK(close(lr(242694), 7.3e-6));
  REQUIRE(lr.phases().size() == 5);
  CHECK(lr.phases()[1].end == 166400);
  CHECK(lr.phases()[2].end == 234747);
  CHECK(lr.phases()[3].end == 240040);
  CHECK(lr.phases()[4].end == 242694);
}

TEST_CASE("examples/wsd-branches.tempo: three cooldowns off one trunk, each from its checkpoint") {
  const auto trunk = example_schedule("wsd-branches.tempo", "trunk");
  const double peak = 1e-3;
  struct Branch {
    const char* name;
    double checkpoint, cooldown;
  };
  for (const Branch b : {Branch{"lr_25k", 20000, 5000}, Branch{"lr_50k", 40000, 10000},
                         Branch{"lr_100k", 80000, 20000}}) {
    INFO(b.name);
    const auto lr = example_schedule("wsd-branches.tempo", b.name);
    // The trunk, step for step, up to the checkpoint.
    for (double step = 0; step < b.checkpoint; step += 250) CHECK(lr(step) == trunk(step));
    CHECK(close(lr(1000), peak / 2));
    CHECK(close(lr(b.checkpoint - 1), peak));
    // 1 − sqrt: 1 − √p of the peak, p = τ / cooldown.
    CHECK(close(lr(b.checkpoint), peak));
    CHECK(close(lr(b.checkpoint + b.cooldown / 4), peak * 0.5));
    CHECK(close(lr(b.checkpoint + b.cooldown * 0.64), peak * 0.2));
    CHECK(lr(b.checkpoint + b.cooldown) == 0);
    CHECK(lr(1e6) == 0);
    REQUIRE(lr.phases().size() == 3);
    CHECK(lr.phases()[1].end == b.checkpoint);
    CHECK(lr.phases()[2].end == b.checkpoint + b.cooldown);
  }
}

TEST_CASE("examples/nanochat-style.tempo: the learning rate follows the batch by sqrt(B / B_ref)") {
  // batch = 32·⌊1 + 7τ/3000⌋ for τ < 3000: 32 up to step 428, 64 from 429 (⌈3000/7⌉), …, 224 at
  // 2999, then 256. The ramp holds 786,235,392 tokens, so 10B tokens take
  // 3000 + ⌈(10^10 − 786,235,392) / 524,288⌉ = 20,574 steps; the warmdown round(0.65 × 20,574)
  // = 13,373 steps, from step 7,201.
  const auto lr = example_schedule("nanochat-style.tempo");
  const auto momentum = example_schedule("nanochat-style.tempo", "momentum");
  const double base = 0.02, n = 20574, warmdown = 13373;
  CHECK(lr.total() == n);
  // nanochat's get_lr_multiplier, times sqrt(batch / 256).
  auto multiplier = [&](double it) {
    if (it < 40) return (it + 1) / 40;
    if (it <= n - warmdown) return 1.0;
    const double progress = (n - it) / warmdown;
    return progress + (1 - progress) * 0.05;
  };
  struct Point {
    double step, batch;
  };
  for (const Point p :
       {Point{0, 32}, Point{20, 32}, Point{39, 32}, Point{428, 32}, Point{429, 64},
        Point{1286, 128}, Point{2999, 224}, Point{3000, 256}, Point{7201, 256}, Point{7202, 256},
        Point{14000, 256}, Point{20573, 256}, Point{20574, 256}}) {
    INFO("step ", p.step);
    CHECK(close(lr(p.step), base * std::sqrt(p.batch / 256) * multiplier(p.step)));
  }
  CHECK(close(lr(1e6), base * 0.05));
  // nanochat's get_muon_momentum.
  CHECK(momentum(0) == 0.85);
  CHECK(close(momentum(200), 0.91));
  CHECK(close(momentum(400), 0.97));
  CHECK(close(momentum(7201), 0.97));
  CHECK(close(momentum(7201 + warmdown / 2), 0.935));
  CHECK(close(momentum(n), 0.9));
}

TEST_CASE("every example file passes check and explain, and fmt round-trips it") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(TEMPO_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() == ".tempo") files.push_back(entry.path());
  }
  CHECK(files.size() >= 8);
  for (const auto& path : files) {
    const std::string file = path.string();
    INFO(file);
    const auto check = cli_test::tempo_cli({"check", file});
    CHECK(check.status == 0);
    CHECK(check.err.empty());
    const auto explain = cli_test::tempo_cli({"explain", file});
    CHECK(explain.status == 0);
    CHECK(explain.out.find("phase") != std::string::npos);
    // fmt: canonical once, unchanged the second time, and the same schedules bit for bit.
    const auto once = cli_test::tempo_cli({"fmt", file});
    REQUIRE(once.status == 0);
    const auto twice = cli_test::tempo_cli({"fmt", "-e", once.out});
    CHECK(twice.out == once.out);
    tempo::Options options;
    options.require_main = false;
    options.import = tempo::lua::import_file;
    const auto original = tempo::try_compile_file(file, options);
    options.source_name = file;  // imports resolve next to the file
    const auto formatted = tempo::try_compile_program(once.out, options);
    REQUIRE(original.ok());
    REQUIRE_MESSAGE(formatted.ok(), formatted.message());
    for (const auto& name : original.value->names()) {
      const tempo::Schedule& a = *original.value->find(name);
      const tempo::Schedule* b = formatted.value->find(name);
      REQUIRE(b != nullptr);
      for (double step = 0; step < 3e5; step = step * 1.37 + 1) CHECK(a(step) == (*b)(step));
    }
  }
}
