// tempo::resume: the checkpoint's plan against the one the host compiled now. Unchanged plans
// resume silently; a changed one is refused, adopted or ignored as the policy says, and every
// outcome but the first comes with a report of what differs and the jump at the resume step.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "tempo/checkpoint.hpp"
#include "tempo/continuation.hpp"

namespace tempo {
namespace {

Result<Resumed> refused(std::string message, std::string hint = {}) {
  Result<Resumed> result;
  result.diagnostics.push_back({{}, std::move(message), std::move(hint)});
  return result;
}

Resumed resumed_with(const Schedule& schedule) {
  constexpr double none = std::numeric_limits<double>::quiet_NaN();
  return Resumed{schedule, false, none, none, none, {}};
}

std::string context_text(const Schedule& s) {
  std::vector<std::string> parts;
  const auto add = [&](const char* name, double value) {
    if (!std::isnan(value)) parts.push_back(fmt::format("{} {}", name, value));
  };
  add("total", s.total());
  add("steps_per_epoch", s.steps_per_epoch());
  add("tokens_per_step", s.tokens_per_step());
  return parts.empty() ? "no context" : fmt::format("{}", fmt::join(parts, ", "));
}

// Far enough to see where two plans part: past every phase end, total and the resume step.
double horizon(const Schedule& a, const Schedule& b, double step) {
  double h = step + 1;
  for (const Schedule* s : {&a, &b}) {
    if (std::isfinite(s->total())) h = std::max(h, s->total() + 1);
    for (const auto& row : s->phases()) {
      if (std::isfinite(row.end)) h = std::max(h, row.end + 1);
    }
  }
  return h;
}

}  // namespace

Result<Resumed> resume(const Checkpoint& saved, const Schedule& current, OnChange policy,
                       const Options& options) {
  Result<Resumed> result;
  if (current.fingerprint() == saved.fingerprint) {
    result.value = resumed_with(current);
    return result;
  }
  Options o = options;
  o.total = saved.total;
  o.steps_per_epoch = saved.steps_per_epoch;
  o.tokens_per_step = saved.tokens_per_step;
  o.set.clear();
  o.name.clear();
  o.source_name = "<checkpoint>";
  auto compiled = try_compile(saved.source, o);
  if (!compiled.ok()) {
    compiled.diagnostics.push_back(
        {{}, "the checkpoint's plan does not compile here", "its source is shown above"});
    Result<Resumed> failed;
    failed.diagnostics = std::move(compiled.diagnostics);
    return failed;
  }
  const Schedule& old_plan = *compiled.value;
  // Same source and context, another fingerprint: this Tempo compiles it differently. Both sides
  // are then compared as compiled here.
  if (old_plan.fingerprint() == current.fingerprint()) {
    result.value = resumed_with(current);
    return result;
  }

  Resumed r = resumed_with(policy == OnChange::keep ? old_plan : current);
  r.changed = true;
  r.old_value = old_plan(saved.step);
  r.new_value = current(saved.step);
  const double until = horizon(old_plan, current, saved.step);
  const Continuation c = continues(old_plan, current, until);
  r.first_difference = c.step;
  std::string report = fmt::format(
      "the plan differs from the checkpoint's (resuming at step {})\n"
      "  checkpoint: {}  [{}; fingerprint {}]\n"
      "  now:        {}  [{}; fingerprint {}]\n",
      saved.step, saved.source, context_text(old_plan), saved.fingerprint, current.source(),
      context_text(current), current.fingerprint());
  if (c.continues) {
    report += fmt::format("  no value differs before step {}\n", until);
  } else {
    report += fmt::format("  first differing step: {} (checkpoint {}, now {}){}\n", c.step,
                          c.old_value, c.new_value,
                          c.step < saved.step ? ", before the resume step: the past changed"
                                              : ", not before the resume step");
  }
  report += fmt::format("  at step {}: checkpoint {}, now {} (jump {:+})\n", saved.step,
                        r.old_value, r.new_value, r.new_value - r.old_value);
  if (policy == OnChange::error) {
    return refused(report + "  on_change=error refuses to resume",
                   "choose on_change=adopt to use the new plan, or on_change=keep to continue "
                   "with the checkpoint's");
  }
  report += policy == OnChange::adopt ? "  on_change=adopt: continuing with the new plan"
                                      : "  on_change=keep: continuing with the checkpoint's plan";
  r.report = std::move(report);
  result.value = std::move(r);
  return result;
}

}  // namespace tempo
