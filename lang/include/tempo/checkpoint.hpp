// Checkpoints and resuming (docs/lifecycle.md): the record a host saves beside its model so that
// a resumed run gets exactly the uninterrupted run's values, and the three explicit policies for
// resuming under a plan that changed. Never a silent jump in the learning rate.
//
//   save:    write_file(tempo::to_json(tempo::checkpoint(lr, step)));
//   resume:  auto saved = tempo::read_checkpoint(text);          // Result<Checkpoint>
//            auto r = tempo::resume(*saved.value, lr, tempo::OnChange::error);
//            if (!r.ok()) die(r.message());                       // what differs, and where
//            lr = r.value->schedule;
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tempo/compile.hpp"
#include "tempo/observations.hpp"

namespace tempo {

// The observations are tempo::Observation (tempo/observations.hpp): one metric value the host
// reported, the record `plateau` decides over (LANGUAGE.md §10.9).
struct Checkpoint {
  double step = 0;          // steps taken; the next value the run uses is the schedule's at `step`
  std::string fingerprint;  // Schedule::fingerprint() of the plan
  std::string source;       // its canonical source
  std::optional<double> total, steps_per_epoch, tokens_per_step;  // its context
  std::vector<Observation> observations;                          // in the order reported
};

// The record of `schedule` after `step` steps.
Checkpoint checkpoint(const Schedule& schedule, double step,
                      std::vector<Observation> observations = {});

// The JSON text of docs/lifecycle.md, and back. Numbers round-trip exactly.
std::string to_json(const Checkpoint& checkpoint);
Result<Checkpoint> read_checkpoint(std::string_view json);

// What to do when the plan a run resumes with is not the checkpoint's (Megatron's policies).
enum class OnChange {
  error,  // refuse: say what differs, the first differing step and the jump at the resume step
  adopt,  // use the new plan, and report the jump
  keep,   // continue with the checkpoint's plan, compiled from its source and context
};
// "error", "adopt", "keep"; nullopt for anything else.
std::optional<OnChange> on_change_named(std::string_view name);

struct Resumed {
  Schedule schedule;     // the plan to continue with
  bool changed = false;  // the current plan is not the checkpoint's
  // The first step where the two plans differ (NaN: none found), and their values at the
  // resume step: new_value − old_value is the jump adopting the new plan makes there.
  double first_difference = std::numeric_limits<double>::quiet_NaN();
  double old_value = std::numeric_limits<double>::quiet_NaN();
  double new_value = std::numeric_limits<double>::quiet_NaN();
  std::string report;  // for the run's log; empty when nothing changed
};

// Resumes from `saved` with `current`, the plan the host compiled now. The checkpoint's plan is
// recompiled from its source and context with `options` (for host phases and imports).
Result<Resumed> resume(const Checkpoint& saved, const Schedule& current,
                       OnChange policy = OnChange::error, const Options& options = {});

}  // namespace tempo
