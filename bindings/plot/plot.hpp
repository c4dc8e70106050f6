// `tempo plot`: schedules drawn as a terminal chart (Unicode braille) or a standalone SVG.
// Sampling (sampling.cpp) reduces the steps under each pixel column to their first, last,
// smallest and largest value, so a jump or a restart is never lost between two samples; the
// frame (frame.cpp) chooses the axes and their ticks; the renderers draw from both.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tempo/schedule.hpp"

namespace tempo::plot {

// What the steps under one pixel column take: the value at the first and the last of them, the
// extremes, and whether the smallest comes before the largest (the order a pen draws them in).
struct Column {
  double first = 0, last = 0, lo = 0, hi = 0;
  bool lo_first = true;
  bool empty = true;  // no step of the column has a value (NaN everywhere)
};

// Above this many steps, a column is sampled (dense_samples steps spread over it, its first and
// last step, and both sides of every phase boundary in it) instead of evaluated at every step.
inline constexpr double exact_step_limit = 1 << 25;
inline constexpr int dense_samples = 256;

// The steps from..to (both included) split evenly into `count` columns. Over integer steps
// when there are at least `count` of them; otherwise one (fractional) step per column.
std::vector<Column> sample(const Schedule& schedule, double from, double to, std::size_t count);

// Human units for tick labels: 0, 250, 2k, 1.5M, 3B, 0.25, 3e-4, 1.5e-5.
std::string human(double value);
// Round ticks (1, 2, 2.5 or 5 × 10^k apart), about `target` of them. With `cover`, the first
// tick is ≤ lo and the last ≥ hi; without, every tick lies within [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int target, bool cover);
// The powers of ten that cover [lo, hi] (lo > 0), with 2× and 5× ticks when there are few.
std::vector<double> log_ticks(double lo, double hi);

struct Series {
  std::string label;  // "lr", or "lr (total 200k)"
  Schedule schedule;
};

struct Request {
  std::vector<Series> series;  // the first one's phases are marked
  double from = 0, to = 0;     // steps, both included
  bool log = false;            // a logarithmic value axis (values ≤ 0 are not drawn)
  int width = 0, height = 0;   // characters on a terminal, pixels in an SVG
  bool colour = false;         // ANSI colours on a terminal
};

// The axes of a request: the value range (rounded out to ticks) and the tick positions.
struct Frame {
  double x_from = 0, x_to = 0, y_from = 0, y_to = 0;
  std::vector<double> x_ticks, y_ticks;
  bool log = false;
  // Where a value sits between y_from (0) and y_to (1); NaN for a value a log axis cannot show.
  double y_fraction(double value) const;
  double x_fraction(double step) const;
};
// Samples every series into `columns` columns and fits the axes around them.
Frame make_frame(const Request& request, const std::vector<std::vector<Column>>& samples,
                 int x_ticks, int y_ticks);

std::string terminal(const Request& request);
std::string svg(const Request& request);

}  // namespace tempo::plot
