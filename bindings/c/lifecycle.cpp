// The C API of docs/lifecycle.md: fingerprints, continuation checks, branches, checkpoints and
// resuming, over tempo/continuation.hpp, tempo/branch.hpp and tempo/checkpoint.hpp.
#include <cmath>
#include <cstring>
#include <new>

#include "handles.hpp"
#include "tempo/branch.hpp"
#include "tempo/checkpoint.hpp"
#include "tempo/continuation.hpp"

struct tempo_checkpoint {
  tempo::Checkpoint record;
  std::string json;    // to_json(record), kept current
  std::string report;  // of the last tempo_resume
};

namespace {

using tempo::c::guarded;
using tempo::c::make_error;

}  // namespace

extern "C" {

void tempo_fingerprint(const tempo_schedule* schedule, char out[TEMPO_FINGERPRINT_SIZE]) {
  if (!out) return;
  out[0] = '\0';
  if (!schedule) return;
  try {
    const std::string hex = schedule->schedule.fingerprint();
    std::memcpy(out, hex.c_str(), TEMPO_FINGERPRINT_SIZE);
  } catch (...) {
  }
}

tempo_continuation tempo_continues(const tempo_schedule* old_plan, const tempo_schedule* new_plan,
                                   double until) {
  tempo_continuation out{0, NAN, NAN, NAN, 0, 0};
  if (!old_plan || !new_plan) return out;
  try {
    const tempo::Continuation c = tempo::continues(old_plan->schedule, new_plan->schedule, until);
    out = {c.continues ? 1 : 0, c.step, c.old_value, c.new_value, c.compared, c.proven};
  } catch (...) {
  }
  return out;
}

tempo_schedule* tempo_branch(const tempo_schedule* trunk, double at, const char* then,
                             tempo_error** error) {
  return guarded<tempo_schedule>(
      [&] {
        if (!trunk || !then) throw std::invalid_argument("tempo_branch: a NULL argument");
        return tempo::branch(trunk->schedule, at, then);
      },
      [](tempo::Branch& b) { return new tempo_schedule{std::move(b.schedule)}; }, error);
}

tempo_schedule* tempo_cool_down(const tempo_schedule* trunk, double at, double over,
                                const char* shape, tempo_error** error) {
  return guarded<tempo_schedule>(
      [&] {
        if (!trunk) throw std::invalid_argument("tempo_cool_down: a NULL trunk");
        return tempo::cool_down(trunk->schedule, at, over, shape ? shape : "linear");
      },
      [](tempo::Branch& b) { return new tempo_schedule{std::move(b.schedule)}; }, error);
}

tempo_checkpoint* tempo_checkpoint_new(const tempo_schedule* schedule, double step) {
  if (!schedule) return nullptr;
  try {
    auto record = tempo::checkpoint(schedule->schedule, step);
    std::string json = tempo::to_json(record);
    return new tempo_checkpoint{std::move(record), std::move(json), {}};
  } catch (...) {
    return nullptr;
  }
}

tempo_checkpoint* tempo_checkpoint_read(const char* json, tempo_error** error) {
  return guarded<tempo_checkpoint>([&] { return tempo::read_checkpoint(json ? json : ""); },
                                   [](tempo::Checkpoint& c) {
                                     std::string text = tempo::to_json(c);
                                     return new tempo_checkpoint{std::move(c), std::move(text), {}};
                                   },
                                   error);
}

void tempo_checkpoint_free(tempo_checkpoint* checkpoint) {
  delete checkpoint;
}

int tempo_checkpoint_observe(tempo_checkpoint* checkpoint, double step, const char* name,
                             double value) {
  if (!checkpoint || !name) return -1;
  try {
    checkpoint->record.observations.push_back({step, name, value});
    checkpoint->json = tempo::to_json(checkpoint->record);
    return 0;
  } catch (...) {
    return -1;
  }
}

const char* tempo_checkpoint_json(const tempo_checkpoint* checkpoint) {
  return checkpoint ? checkpoint->json.c_str() : "";
}
double tempo_checkpoint_step(const tempo_checkpoint* checkpoint) {
  return checkpoint ? checkpoint->record.step : NAN;
}
const char* tempo_checkpoint_fingerprint(const tempo_checkpoint* checkpoint) {
  return checkpoint ? checkpoint->record.fingerprint.c_str() : "";
}
const char* tempo_checkpoint_source(const tempo_checkpoint* checkpoint) {
  return checkpoint ? checkpoint->record.source.c_str() : "";
}
const char* tempo_checkpoint_report(const tempo_checkpoint* checkpoint) {
  return checkpoint ? checkpoint->report.c_str() : "";
}

tempo_schedule* tempo_resume(tempo_checkpoint* checkpoint, const tempo_schedule* current,
                             const char* policy, const tempo_options* options,
                             tempo_error** error) {
  return guarded<tempo_schedule>(
      [&] {
        if (!checkpoint || !current) throw std::invalid_argument("tempo_resume: a NULL argument");
        checkpoint->report.clear();
        const auto chosen = tempo::on_change_named(policy ? policy : "error");
        if (!chosen) {
          throw std::invalid_argument(
              "tempo_resume: the policy is \"error\", \"adopt\" or \"keep\"");
        }
        return tempo::resume(checkpoint->record, current->schedule, *chosen,
                             tempo::c::options_of(options));
      },
      [&](tempo::Resumed& r) {
        checkpoint->report = r.report;
        return new tempo_schedule{std::move(r.schedule)};
      },
      error);
}

}  // extern "C"
