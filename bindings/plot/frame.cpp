// The axes of a plot: the value range rounded out to round ticks, the step ticks inside the
// range, and labels in the units people write (2k steps, 1.5M, 3e-4).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "plot.hpp"

namespace tempo::plot {

std::string human(double value) {
  if (value == 0 || !std::isfinite(value)) return value == 0 ? "0" : fmt::format("{}", value);
  const double size = std::fabs(value);
  if (size < 1e-2 || size >= 1e15) {
    int exponent = static_cast<int>(std::floor(std::log10(size)));
    std::string mantissa = fmt::format("{:.3g}", value / std::pow(10.0, exponent));
    if (std::fabs(std::stod(mantissa)) >= 10) {  // 9.9996e-5 rounds up to 1e-4
      ++exponent;
      mantissa = fmt::format("{:.3g}", value / std::pow(10.0, exponent));
    }
    return fmt::format("{}e{}", mantissa, exponent);
  }
  static constexpr std::pair<double, const char*> magnitudes[] = {
      {1, ""}, {1e3, "k"}, {1e6, "M"}, {1e9, "B"}, {1e12, "T"}};
  std::size_t m = 0;
  while (m + 1 < std::size(magnitudes) && size >= magnitudes[m + 1].first) ++m;
  std::string mantissa = fmt::format("{:.4g}", value / magnitudes[m].first);
  // 999.96k reads better as 1M: the next magnitude up takes a mantissa that rounds to 1000.
  if (std::fabs(std::stod(mantissa)) >= 1000 && m + 1 < std::size(magnitudes)) {
    mantissa = fmt::format("{:.4g}", value / magnitudes[++m].first);
  }
  return mantissa + magnitudes[m].second;
}

std::vector<double> nice_ticks(double lo, double hi, int target, bool cover) {
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / magnitude;
  const double nice = r < 1.5 ? 1 : r < 2.25 ? 2 : r < 3.5 ? 2.5 : r < 7.5 ? 5 : 10;
  const double step = nice * magnitude;
  // A tolerance of 1e-9 steps keeps 0.3 / 0.1 = 2.9999999999999996 from adding a tick.
  const double k0 = cover ? std::floor(lo / step + 1e-9) : std::ceil(lo / step - 1e-9);
  const double k1 = cover ? std::ceil(hi / step - 1e-9) : std::floor(hi / step + 1e-9);
  std::vector<double> ticks;
  for (double k = k0; k <= k1; ++k) ticks.push_back(k * step);
  return ticks;
}

std::vector<double> log_ticks(double lo, double hi) {
  const double e0 = std::floor(std::log10(lo) + 1e-9), e1 = std::ceil(std::log10(hi) - 1e-9);
  std::vector<double> ticks;
  for (double e = e0; e <= std::max(e1, e0 + 1); ++e) {
    const double decade = std::pow(10.0, e);
    ticks.push_back(decade);
    // Over three decades or fewer, the 2× and 5× marks help to read a value.
    if (e1 - e0 <= 3 && e < std::max(e1, e0 + 1)) {
      ticks.push_back(2 * decade);
      ticks.push_back(5 * decade);
    }
  }
  return ticks;
}

double Frame::x_fraction(double step) const {
  return x_to > x_from ? (step - x_from) / (x_to - x_from) : 0.5;
}

double Frame::y_fraction(double value) const {
  if (log) {
    if (!(value > 0)) return std::numeric_limits<double>::quiet_NaN();
    return (std::log10(value) - std::log10(y_from)) / (std::log10(y_to) - std::log10(y_from));
  }
  return (value - y_from) / (y_to - y_from);
}

Frame make_frame(const Request& request, const std::vector<std::vector<Column>>& samples,
                 int x_ticks, int y_ticks) {
  Frame frame;
  frame.log = request.log;
  frame.x_from = request.from;
  frame.x_to = request.to;
  frame.x_ticks = nice_ticks(request.from, request.to, x_ticks, false);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& columns : samples) {
    for (const Column& c : columns) {
      if (c.empty) continue;
      for (double v : {c.lo, c.hi, c.first, c.last}) {
        if (request.log && !(v > 0)) continue;
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  if (request.log) {
    if (!(lo <= hi)) {  // nothing above 0 to show
      lo = 0.1;
      hi = 1;
    }
    frame.y_ticks = log_ticks(lo, hi);
  } else {
    if (!(lo <= hi)) {  // no value at all
      lo = 0;
      hi = 1;
    }
    if (lo == hi) {  // a constant: the axis runs from 0 to it
      if (lo > 0) {
        lo = 0;
      } else if (lo < 0) {
        hi = 0;
      } else {
        hi = 1;
      }
    }
    frame.y_ticks = nice_ticks(lo, hi, y_ticks, true);
  }
  frame.y_from = frame.y_ticks.front();
  frame.y_to = frame.y_ticks.back();
  return frame;
}

}  // namespace tempo::plot
