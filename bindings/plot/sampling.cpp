// Pixel columns from a schedule: every integer step under a column is evaluated (with fill, a
// phase at a time) and reduced to first, last, min and max, so that a restart or a staircase
// step inside a column still reaches the picture as a vertical stroke.
#include <algorithm>
#include <cmath>

#include "plot.hpp"

namespace tempo::plot {
namespace {

// Adds the value at one step to a column; the steps arrive in increasing order.
void add(Column& column, double value, std::size_t& index, std::size_t& lo_at, std::size_t& hi_at) {
  if (std::isnan(value)) return;
  if (column.empty) {
    column = {value, value, value, value, true, false};
    lo_at = hi_at = index++;
    return;
  }
  column.last = value;
  if (value < column.lo) {
    column.lo = value;
    lo_at = index;
  }
  if (value > column.hi) {
    column.hi = value;
    hi_at = index;
  }
  column.lo_first = lo_at <= hi_at;
  ++index;
}

// Every integer step in [first, last] of one column.
Column exact(const Schedule& schedule, double first, double last, std::vector<double>& buffer) {
  Column column;
  std::size_t index = 0, lo_at = 0, hi_at = 0;
  for (double step = first; step <= last; step += static_cast<double>(buffer.size())) {
    const auto n = static_cast<std::size_t>(std::min<double>(buffer.size(), last - step + 1));
    schedule.fill(step, std::span<double>(buffer.data(), n));
    for (std::size_t i = 0; i < n; ++i) add(column, buffer[i], index, lo_at, hi_at);
  }
  return column;
}

// Too many steps to visit: dense samples, the ends, and both sides of each phase boundary.
Column sampled(const Schedule& schedule, double first, double last) {
  std::vector<double> steps;
  for (int k = 0; k <= dense_samples; ++k) {
    steps.push_back(std::round(first + (last - first) * k / dense_samples));
  }
  for (const auto& phase : schedule.phases()) {
    for (double edge : {phase.start, phase.end}) {
      if (edge - 1 >= first && edge - 1 <= last) steps.push_back(edge - 1);
      if (edge >= first && edge <= last) steps.push_back(edge);
    }
  }
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  Column column;
  std::size_t index = 0, lo_at = 0, hi_at = 0;
  for (double step : steps) add(column, schedule(step), index, lo_at, hi_at);
  return column;
}

}  // namespace

std::vector<Column> sample(const Schedule& schedule, double from, double to, std::size_t count) {
  std::vector<Column> columns(count);
  if (count == 0 || !(to >= from)) return columns;
  const double first = std::ceil(from), last = std::floor(to);
  const double steps = last - first + 1;
  if (steps < static_cast<double>(count)) {
    // Fewer steps than columns: one point per column, at its own (fractional) step.
    for (std::size_t c = 0; c < count; ++c) {
      const double step =
          count == 1 ? from : from + (to - from) * static_cast<double>(c) / (count - 1.0);
      std::size_t index = 0, lo_at = 0, hi_at = 0;
      add(columns[c], schedule(step), index, lo_at, hi_at);
    }
    return columns;
  }
  std::vector<double> buffer(std::min<double>(1 << 16, steps));
  for (std::size_t c = 0; c < count; ++c) {
    // Column c takes steps [first + ⌊c·steps/count⌋, first + ⌊(c+1)·steps/count⌋).
    const double begin = first + std::floor(steps * static_cast<double>(c) / count);
    const double end = first + std::floor(steps * static_cast<double>(c + 1) / count) - 1;
    columns[c] = steps > exact_step_limit ? sampled(schedule, begin, end)
                                          : exact(schedule, begin, end, buffer);
  }
  return columns;
}

}  // namespace tempo::plot
