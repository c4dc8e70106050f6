// Checkpoints and resuming (docs/lifecycle.md): the JSON record round-trips exactly, a resumed
// run gets the uninterrupted run's values, and a changed plan is refused, adopted or ignored as
// the policy says, with a report of what differs — never a silent jump.
#include "tempo/checkpoint.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <string>

namespace {

tempo::Schedule plan(const char* source, std::optional<double> total = std::nullopt) {
  tempo::Options options;
  options.total = total;
  return tempo::compile(source, options);
}

}  // namespace

TEST_CASE("checkpoint: the record round-trips through JSON exactly") {
  const auto lr = plan("3e-4 * (warmup(2000) >> stable(0.9) >> cosine(min=1/3))", 100000);
  const tempo::Checkpoint saved = tempo::checkpoint(lr, 41234, {{10, "loss", 0.1 + 0.2}});
  const std::string text = tempo::to_json(saved);
  const auto read = tempo::read_checkpoint(text);
  REQUIRE(read.ok());
  const tempo::Checkpoint& c = *read.value;
  CHECK(c.step == 41234);
  CHECK(c.fingerprint == lr.fingerprint());
  CHECK(c.source == lr.source());
  CHECK(c.total == 100000);
  CHECK_FALSE(c.steps_per_epoch);
  CHECK_FALSE(c.tokens_per_step);
  REQUIRE(c.observations.size() == 1);
  CHECK(c.observations[0].value == 0.1 + 0.2);
  CHECK(c.observations[0].metric == "loss");
  CHECK(tempo::to_json(c) == text);
}

TEST_CASE("checkpoint: the documented layout") {
  const auto lr = plan("warmup(10) >> cosine(90)");
  CHECK(tempo::to_json(tempo::checkpoint(lr, 5)) ==
        "{\n"
        "  \"tempo_checkpoint\": 1,\n"
        "  \"step\": 5.0,\n"
        "  \"fingerprint\": \"" +
            lr.fingerprint() +
            "\",\n"
            "  \"source\": \"warmup(10) >> cosine(90)\",\n"
            "  \"context\": {\n"
            "    \"total\": null,\n"
            "    \"steps_per_epoch\": null,\n"
            "    \"tokens_per_step\": null\n"
            "  },\n"
            "  \"observations\": []\n"
            "}\n");
}

TEST_CASE("checkpoint: unreadable records are diagnostics with a position") {
  auto bad = tempo::read_checkpoint("{\"step\": 1,");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.diagnostics[0].message == "the checkpoint is not valid JSON");
  CHECK(bad.diagnostics[0].line() == 1);
  bad = tempo::read_checkpoint("[1]");
  CHECK(bad.message() ==
        "<checkpoint>:1:1: error: a checkpoint is a JSON object\n"
        "   |\n"
        " 1 | [1]\n"
        "   | ^\n");
  bad = tempo::read_checkpoint("{\"tempo_checkpoint\": 2}");
  CHECK(bad.diagnostics[0].message == "this is a version 2 checkpoint; this Tempo reads version 1");
  bad = tempo::read_checkpoint("{\"tempo_checkpoint\": 1, \"step\": \"x\"}");
  CHECK(bad.diagnostics[0].message == "`step` must be a number, got \"x\"");
  bad = tempo::read_checkpoint("{\"tempo_checkpoint\": 1, \"step\": 3}");
  CHECK(bad.diagnostics[0].message == "the checkpoint has no `fingerprint`");
}

TEST_CASE("resume: the same plan resumes silently and continues the uninterrupted run") {
  const char* source = "warmup(2000) >> stable(0.9) >> cosine(min=0.1)";
  const auto uninterrupted = plan(source, 100000);
  const auto text = tempo::to_json(tempo::checkpoint(uninterrupted, 50000));
  // a new process: the plan compiled again, spelled differently, the record read back
  const auto again = plan("warmup(2k) >> stable(90%) >> cosine(min = 0.1)", 100000);
  for (auto policy : {tempo::OnChange::error, tempo::OnChange::adopt, tempo::OnChange::keep}) {
    const auto r = tempo::resume(*tempo::read_checkpoint(text).value, again, policy);
    REQUIRE(r.ok());
    CHECK_FALSE(r.value->changed);
    CHECK(r.value->report.empty());
    int mismatches = 0;
    for (double step = 50000; step <= 100000; ++step) {
      mismatches += r.value->schedule(step) != uninterrupted(step);
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("resume: a changed warmup is refused under error, with the first step and the jump") {
  const auto saved = tempo::checkpoint(plan("warmup(2000) >> cosine()", 10000), 5000);
  const auto now = plan("warmup(1000) >> cosine()", 10000);
  const auto r = tempo::resume(saved, now);
  REQUIRE_FALSE(r.ok());
  const double old_value = plan("warmup(2000) >> cosine()", 10000)(5000);
  const double new_value = now(5000);
  CHECK(std::fabs(old_value - (1 + std::cos(M_PI * 3000 / 8000)) / 2) <= 1e-15);
  CHECK(std::fabs(new_value - (1 + std::cos(M_PI * 4000 / 9000)) / 2) <= 1e-15);
  CHECK(r.message() ==
        fmt::format("error: the plan differs from the checkpoint's (resuming at step 5000)\n"
                    "  checkpoint: warmup(2000) >> cosine()  [total 10000; fingerprint {}]\n"
                    "  now:        warmup(1000) >> cosine()  [total 10000; fingerprint {}]\n"
                    "  first differing step: 1 (checkpoint 0.0005, now 0.001), before the resume "
                    "step: the past changed\n"
                    "  at step 5000: checkpoint {}, now {} (jump {:+})\n"
                    "  on_change=error refuses to resume\n"
                    "   = hint: choose on_change=adopt to use the new plan, or on_change=keep to "
                    "continue with the checkpoint's\n",
                    saved.fingerprint, now.fingerprint(), old_value, new_value,
                    new_value - old_value));
}

TEST_CASE("resume: adopt uses the new plan and reports the jump; keep the checkpoint's") {
  const auto old_plan = plan("warmup(2000) >> cosine()", 10000);
  const auto saved = tempo::checkpoint(old_plan, 5000);
  const auto now = plan("warmup(1000) >> cosine()", 10000);
  const auto adopted = tempo::resume(saved, now, tempo::OnChange::adopt);
  REQUIRE(adopted.ok());
  CHECK(adopted.value->changed);
  CHECK(adopted.value->schedule.fingerprint() == now.fingerprint());
  CHECK(adopted.value->first_difference == 1);
  CHECK(adopted.value->old_value == old_plan(5000));
  CHECK(adopted.value->new_value == now(5000));
  CHECK(adopted.value->report.find("(jump ") != std::string::npos);
  CHECK(adopted.value->report.ends_with("on_change=adopt: continuing with the new plan"));
  const auto kept = tempo::resume(saved, now, tempo::OnChange::keep);
  REQUIRE(kept.ok());
  CHECK(kept.value->schedule.fingerprint() == old_plan.fingerprint());
  CHECK(kept.value->schedule(7777) == old_plan(7777));
  CHECK(kept.value->report.ends_with("on_change=keep: continuing with the checkpoint's plan"));
}

TEST_CASE("resume: an extension that continues the run is still a change, reported as such") {
  const auto saved =
      tempo::checkpoint(plan("warmup(2000) >> stable() >> decay(10000)", 100000), 50000);
  const auto longer = plan("warmup(2000) >> stable() >> decay(10000)", 200000);
  REQUIRE_FALSE(tempo::resume(saved, longer).ok());
  const auto r = tempo::resume(saved, longer, tempo::OnChange::adopt);
  REQUIRE(r.ok());
  CHECK(r.value->first_difference == 90001);
  CHECK(r.value->new_value - r.value->old_value == 0);
  CHECK(r.value->report.find("first differing step: 90001 (checkpoint 0.9999, now 1), not "
                             "before the resume step") != std::string::npos);
}

TEST_CASE("resume: policies by name") {
  CHECK(tempo::on_change_named("error") == tempo::OnChange::error);
  CHECK(tempo::on_change_named("adopt") == tempo::OnChange::adopt);
  CHECK(tempo::on_change_named("keep") == tempo::OnChange::keep);
  CHECK_FALSE(tempo::on_change_named("ignore"));
}
