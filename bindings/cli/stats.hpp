// What `tempo explain` says about the values of a schedule: peak, min, mean, the area under the
// curve (the sum over the integer steps, the "learning budget"), and how much of the run is
// near the peak or near zero. Computed with Schedule::fill, so the figures are those of the
// values a trainer gets.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "tempo/schedule.hpp"

namespace tempo::cli {

struct Stats {
  std::int64_t steps = 0;  // the integer steps summarised; the other fields are NaN without any
  double peak = 0, min = 0, mean = 0;
  double area = 0;       // Σ value over the steps
  double near_peak = 0;  // the fraction of the steps whose value is ≥ 90% of the schedule's peak
  double near_zero = 0;  // the fraction of the steps whose value is ≤ 1% of the schedule's peak
};

struct ScheduleStats {
  std::int64_t end = 0;       // the steps summarised are 0 … end − 1
  Stats whole;                // the whole schedule
  std::vector<Stats> phases;  // one per Schedule::phases() row, over its steps below `end`
};

// The most steps explain summarises and diff compares: a few seconds of fill.
constexpr std::int64_t max_steps = 1'000'000'000;

// The number of steps a schedule covers: its total, else the end of its last phase; nullopt
// when neither is finite (nothing to summarise).
std::optional<std::int64_t> steps_covered(const Schedule& schedule);

// The figures over steps 0 … end − 1 (end ≥ 0).
ScheduleStats summarise(const Schedule& schedule, std::int64_t end);

}  // namespace tempo::cli
