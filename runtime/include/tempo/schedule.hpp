// tempo::Schedule: the compiled schedule, a pure function from training step to value.
// It is an immutable value that is cheap to copy and safe to evaluate from any thread;
// evaluation never allocates and never throws. It knows nothing of the source language.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace tempo {

class Observations;

namespace detail {
struct Tree;
struct ScheduleAccess;
}  // namespace detail

// One row of the resolved phase table (`tempo explain`, `Schedule::phases()`).
// `end` is +infinity for a phase that runs forever; `end_value` is the value held from `end` on.
struct PhaseRow {
  std::string name;
  double start = 0;
  double end = 0;
  double start_value = 0;
  double end_value = 0;
};

class Schedule {
 public:
  // The value at global step `step`. Steps before 0 take the value at step 0 (training has not
  // started); a NaN step gives NaN. Past the last phase the schedule holds its end value.
  double operator()(double step) const noexcept;
  double at(double step) const noexcept { return (*this)(step); }

  // Writes the values at first_step, first_step + stride, ... into `out`, one phase at a time.
  // Each value is bit-identical to operator() at the same step.
  void fill(double first_step, std::span<double> out, double stride = 1.0) const noexcept;

  // The schedule decided over a record of observations (LANGUAGE.md §10.9): its plateau phases
  // take their reductions from the record, and the phases after them start from the level
  // they reached. The decisions are taken here, once (the schedule is planned again), so the
  // schedule returned evaluates as any other: allocation-free, noexcept, from any thread. Call
  // it again when the record changed. A schedule without metric-driven phases returns itself;
  // one not yet bound holds each plateau at its start value.
  Schedule bind(const Observations& record) const;
  // The metric names its phases decide over (`plateau(metric=…)`), in source order; empty when
  // the schedule decides nothing.
  const std::vector<std::string>& metrics() const noexcept;

  // The resolved phases of the top-level sequence, in time order.
  const std::vector<PhaseRow>& phases() const noexcept;
  // The canonical source of the schedule (bindings substituted, normalised spacing).
  const std::string& source() const noexcept;
  // The total the schedule was compiled for (LANGUAGE.md §1), or NaN when none was known.
  double total() const noexcept;
  // The rest of the context it was compiled with, NaN when none was given.
  double steps_per_epoch() const noexcept;
  double tokens_per_step() const noexcept;
  // A stable hash of the compiled plan and its context: 16 lowercase hex digits, the same in
  // every binding, run and machine; equal for sources that differ only in spelling (formatting,
  // binding names, `2k` for `2000`), different when any value changes. docs/lifecycle.md
  // defines it byte for byte.
  std::string fingerprint() const;
  // Bytes the compiled evaluation tree occupies (nodes and tables, not the metadata).
  std::size_t bytes() const noexcept;

 private:
  // Only the compiler makes a Schedule from a tree (through detail::ScheduleAccess, an internal
  // header); hosts get one from tempo::compile and copy it.
  friend struct detail::ScheduleAccess;
  explicit Schedule(std::shared_ptr<const detail::Tree> tree) noexcept;

  std::shared_ptr<const detail::Tree> tree_;
};

}  // namespace tempo
