// `tempo check` and `tempo explain` on files with several schedules, explain's statistics, and
// the machine-readable formats of eval, explain and check.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using cli_test::example;
using cli_test::golden;
using cli_test::Run;
using cli_test::tempo_cli;

namespace {

const std::string trainer = example("trainer/schedules.tempo");

bool close(double actual, double expected) {
  return std::fabs(actual - expected) <= 1e-12 * std::fabs(expected);
}

nlohmann::json json_of(const Run& r) {
  REQUIRE(r.status == 0);
  REQUIRE(r.err.empty());
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("check compiles every binding of a file with several schedules and no `lr`") {
  const Run r = tempo_cli({"check", trainer});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == trainer + ": ok (8 schedules)\n");
  // An error in any binding, not only in a default one, is reported.
  const Run bad = tempo_cli({"check", "-e", "a = warmup(10)\nb = cosin(10)"});
  CHECK(bad.status == 1);
  CHECK(bad.err.starts_with("<expr>:2:5: error: unknown function `cosin`\n"));
}

TEST_CASE("check --name also checks that the file binds each name") {
  CHECK(tempo_cli({"check", trainer, "--name", "wd", "--name", "beta1"}).status == 0);
  const Run r = tempo_cli({"check", trainer, "--name", "wd", "--name", "lr"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == trainer +
                     ": error: no binding named `lr`\n   = hint: the source binds beta1, "
                     "lr_constant, lr_cosine, lr_warmup_cosine, lr_wsd, lr_wsd_branch, peak, wd\n");
}

TEST_CASE("explain shows every binding of a file with no default schedule, or those --name picks") {
  const Run all = tempo_cli({"explain", trainer});
  CHECK(all.status == 0);
  CHECK(all.err.empty());
  for (const std::string name : {"beta1", "lr_constant", "lr_cosine", "lr_warmup_cosine", "lr_wsd",
                                 "lr_wsd_branch", "peak", "wd"}) {
    CHECK(all.out.find("binding:  " + name + "\nschedule: ") != std::string::npos);
  }
  CHECK(all.out.starts_with(
      "binding:  beta1\nschedule: total = 1500; 0.95 - 0.1 * (warmup(150) >> stable())\n"));
  const Run one = tempo_cli({"explain", trainer, "--name", "lr_wsd"});
  CHECK(
      one.out.starts_with("schedule: total = 1500; 0.02 * (warmup(150) >> stable(0.75) >> "
                          "decay(shape=sqrt, min=0.05))\ntotal:    1500\n"));
  const Run two = tempo_cli({"explain", trainer, "--name", "wd", "--name", "beta1"});
  CHECK(two.out.starts_with("binding:  wd\n"));
  CHECK(two.out.find("\n\nbinding:  beta1\n") != std::string::npos);
  CHECK(tempo_cli({"explain", trainer, "--name", "lr"}).status == 1);
}

TEST_CASE("explain prints peak, min, mean, area and the steps near the peak and near zero") {
  CHECK(tempo_cli({"explain", example("design-card.tempo")}).out ==
        golden("explain-design-card.txt"));
  // warmup(100) >> stable() over 200 steps: values k/100 then 1.
  const auto doc = json_of(tempo_cli(
      {"explain", "-e", "warmup(100) >> stable()", "--total", "200", "--format", "json"}));
  CHECK(doc["version"] == 1);
  const auto& s = doc["schedules"][0];
  CHECK(s["source"] == "warmup(100) >> stable()");
  CHECK(s["total"] == 200);
  const auto& whole = s["stats"];
  CHECK(whole["steps"] == 200);
  CHECK(whole["peak"] == 1);
  CHECK(whole["min"] == 0);
  CHECK(close(whole["area"], 149.5));
  CHECK(close(whole["mean"], 0.7475));
  CHECK(close(whole["near_peak"], 110.0 / 200));  // k ≥ 90, and the 100 stable steps
  CHECK(close(whole["near_zero"], 2.0 / 200));    // k = 0 and 1
  const auto& warmup = s["phases"][0];
  CHECK(warmup["name"] == "warmup(100)");
  CHECK(warmup["start"] == 0);
  CHECK(warmup["end"] == 100);
  CHECK(warmup["stats"]["steps"] == 100);
  CHECK(close(warmup["stats"]["peak"], 0.99));
  CHECK(close(warmup["stats"]["area"], 49.5));
  CHECK(close(warmup["stats"]["near_peak"], 0.1));
  CHECK(close(warmup["stats"]["near_zero"], 0.02));
  const auto& stable = s["phases"][1];
  CHECK(stable["end"] == 200);
  CHECK(stable["stats"]["area"] == 100);
  CHECK(stable["stats"]["near_zero"] == 0);
}

TEST_CASE("explain's area of a cosine decay is N/2 + 1/2") {
  // Σ_{k<N} (1 + cos πk/N)/2 = N/2 + 1/2; ≥ 0.9 for k ≤ 204, ≤ 0.01 for k ≥ 937.
  const auto doc =
      json_of(tempo_cli({"explain", "-e", "cosine()", "--total", "1000", "--format", "json"}));
  const auto& stats = doc["schedules"][0]["stats"];
  CHECK(close(stats["area"], 500.5));
  CHECK(close(stats["mean"], 0.5005));
  CHECK(close(stats["min"], (1 + std::cos(M_PI * 999 / 1000)) / 2));
  CHECK(stats["near_peak"] == 0.205);
  CHECK(stats["near_zero"] == 0.063);
}

TEST_CASE("explain without a total or a finite end has no statistics") {
  const Run r = tempo_cli({"explain", "-e", "warmup(10) >> stable()"});
  CHECK(r.out.find("peak") == std::string::npos);
  const auto doc =
      json_of(tempo_cli({"explain", "-e", "warmup(10) >> stable()", "--format", "json"}));
  CHECK(doc["schedules"][0]["stats"].is_null());
  CHECK(doc["schedules"][0]["total"].is_null());
  CHECK(doc["schedules"][0]["phases"][1]["end"].is_null());  // forever
}

TEST_CASE("explain has no statistics over more than a billion steps") {
  CHECK(tempo_cli({"explain", "-e", "cosine()", "--total", "2e9"})
            .out.ends_with("\nno statistics: more than 1000000000 steps\n"));
  const auto doc =
      json_of(tempo_cli({"explain", "-e", "cosine()", "--total", "2e9", "--format", "json"}));
  CHECK(doc["schedules"][0]["stats"].is_null());
}

TEST_CASE("eval --name A --name B prints a column per schedule; csv and json formats") {
  const std::string file = example("llama3-70b.tempo");
  CHECK(tempo_cli({"eval", file, "--name", "lr", "--name", "wd", "--at", "0,1000"}).out ==
        "step\tlr\twd\n0\t0\t0.1\n1000\t7.5e-05\t0.1\n");
  CHECK(tempo_cli({"eval", file, "--name", "lr", "--at", "1000"}).out == "1000\t7.5e-05\n");
  CHECK(
      tempo_cli({"eval", file, "--name", "lr", "--name", "wd", "--at", "0,2.5", "--format", "csv"})
          .out == "step,lr,wd\n0,0,0.1\n2.5,1.875e-07,0.1\n");
  CHECK(tempo_cli({"eval", "-e", "warmup(4)", "--range", "0:2", "--format", "csv"}).out ==
        "step,value\n0,0\n1,0.25\n");
  const auto doc = json_of(tempo_cli(
      {"eval", file, "--name", "lr", "--name", "beta1", "--at", "0,1000", "--format", "json"}));
  CHECK(doc["version"] == 1);
  CHECK(doc["steps"] == nlohmann::json({0, 1000}));
  CHECK(doc["schedules"][0]["name"] == "lr");
  CHECK(doc["schedules"][0]["values"][1] == 7.5e-05);
  CHECK(doc["schedules"][1]["name"] == "beta1");
  CHECK(doc["schedules"][1]["values"][0] == 0.946);
  const Run missing = tempo_cli({"eval", file, "--name", "lr", "--name", "wdd", "--at", "0"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("error: no binding named `wdd`\n   = hint: did you mean `wd`?") !=
        std::string::npos);
  const Run bad = tempo_cli({"eval", "-e", "1", "--at", "0", "--format", "yaml"});
  CHECK(bad.status == 2);
  CHECK(
      bad.err.starts_with("tempo eval: --format: `yaml` is not a format of tempo eval\n"
                          "   = hint: the formats are text, csv, json\n"));
}

TEST_CASE("check --format json lists each file's diagnostics") {
  const Run r = tempo_cli({"check", "-e", "warmup(10) >> cosin()", example("design-card.tempo"),
                           "/no/such.tempo", "--format", "json"});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["version"] == 1);
  CHECK(doc["ok"] == false);
  const auto& files = doc["files"];
  REQUIRE(files.size() == 3);
  CHECK(files[0]["file"] == "<expr>");
  CHECK(files[0]["ok"] == false);
  CHECK(files[0]["diagnostics"][0]["line"] == 1);
  CHECK(files[0]["diagnostics"][0]["column"] == 15);
  CHECK(files[0]["diagnostics"][0]["message"] == "unknown function `cosin`");
  CHECK(files[0]["diagnostics"][0]["hint"] == "did you mean `cosine`?");
  CHECK(files[1]["ok"] == true);
  CHECK(files[1]["schedules"] == nlohmann::json({"lr"}));
  CHECK(files[2]["ok"] == false);
  CHECK(files[2]["error"] == "cannot read `/no/such.tempo`");
}
