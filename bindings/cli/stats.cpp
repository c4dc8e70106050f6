#include "stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace tempo::cli {
namespace {

constexpr std::int64_t chunk = 1 << 16;

// Calls `visit(value)` for every integer step in [from, to), the values written by fill.
template <typename Visit>
void for_each_value(const Schedule& schedule, std::int64_t from, std::int64_t to, Visit visit) {
  std::vector<double> values(
      static_cast<std::size_t>(std::min(chunk, std::max<std::int64_t>(to - from, 0))));
  for (std::int64_t first = from; first < to; first += chunk) {
    const auto n = static_cast<std::size_t>(std::min(chunk, to - first));
    schedule.fill(static_cast<double>(first), std::span<double>(values.data(), n));
    for (std::size_t i = 0; i < n; ++i) visit(values[i]);
  }
}

Stats stats_of(const Schedule& schedule, std::int64_t from, std::int64_t to, double peak) {
  Stats s;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  s.peak = -std::numeric_limits<double>::infinity();
  s.min = std::numeric_limits<double>::infinity();
  std::int64_t high = 0, low = 0;
  for_each_value(schedule, from, to, [&](double v) {
    ++s.steps;
    s.peak = std::max(s.peak, v);
    s.min = std::min(s.min, v);
    s.area += v;
    high += v >= 0.9 * peak;
    low += v <= 0.01 * peak;
  });
  if (s.steps == 0) return {0, nan, nan, nan, nan, nan, nan};
  const auto n = static_cast<double>(s.steps);
  s.mean = s.area / n;
  s.near_peak = static_cast<double>(high) / n;
  s.near_zero = static_cast<double>(low) / n;
  return s;
}

// The integer steps of [start, end) below `limit`: the first and one past the last.
std::pair<std::int64_t, std::int64_t> integer_steps(double start, double end, std::int64_t limit) {
  const auto clip = [&](double x) {
    return static_cast<std::int64_t>(std::clamp(std::ceil(x), 0.0, static_cast<double>(limit)));
  };
  return {clip(start), clip(end)};
}

}  // namespace

std::optional<std::int64_t> steps_covered(const Schedule& schedule) {
  double end = schedule.total();
  if (std::isnan(end) && !schedule.phases().empty()) end = schedule.phases().back().end;
  if (!std::isfinite(end) || end < 0 || end > 9e15) return std::nullopt;
  return static_cast<std::int64_t>(std::ceil(end));
}

ScheduleStats summarise(const Schedule& schedule, std::int64_t end) {
  ScheduleStats out;
  out.end = end;
  double peak = -std::numeric_limits<double>::infinity();
  for_each_value(schedule, 0, end, [&](double v) { peak = std::max(peak, v); });
  out.whole = stats_of(schedule, 0, end, peak);
  for (const auto& row : schedule.phases()) {
    const auto [from, to] = integer_steps(row.start, row.end, end);
    out.phases.push_back(stats_of(schedule, from, to, peak));
  }
  return out;
}

}  // namespace tempo::cli
