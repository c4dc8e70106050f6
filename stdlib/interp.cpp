// interp([x0, y0], [x1, y1], ..., shape=linear): piecewise interpolation through points, each
// segment a ramp. The x are step values (or fractions of total); x0 is 0 and they increase.
#include <fmt/format.h>

#include "ramp.hpp"

namespace tempo::stdlib {
namespace {
enum { POINTS, SHAPE, POWER };
constexpr Param params[] = {
    {"points", Kind::points, {}, Range::any, {}, "[x, y] pairs, x strictly increasing from 0"},
    {"shape", Kind::choice, {}, Range::any, shape_names, "ramp shape of every segment"},
    {"power", Kind::number, 2.0, Range::non_negative, {}, "exponent of the poly shape"},
};

std::optional<double> own_length(Call& c) {
  const auto& points = c.points();
  return points.empty() ? 0.0 : points.back()[0];
}

Built build(Call& c) {
  const auto& points = c.points();
  const Shape shape = shape_named(c.choice(SHAPE));
  std::vector<Built> phases;
  std::vector<double> lengths;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const double y0 = points[i][1], y1 = points[i + 1][1];
    if (auto problem = check_ramp(shape, y0, y1); !problem.empty()) {
      c.error(POINTS, problem, "exp segments need every y > 0");
    }
    const double length = points[i + 1][0] - points[i][0];
    phases.push_back(build_ramp(c.tree(), shape, y0, y1, length, c.number(POWER)));
    lengths.push_back(length);
  }
  if (phases.empty()) {  // a single point: a zero-length phase holding y0
    phases.push_back(build_ramp(c.tree(), Shape::linear, points[0][1], points[0][1], 0, 1));
    lengths.push_back(0);
  }
  return build_segments(c.tree(), phases, lengths);
}
}  // namespace

extern const Primitive interp_primitive{
    "interp",
    "piecewise interpolation through points",
    "ramp(y_i, y_{i+1}, (τ − x_i)/(x_{i+1} − x_i), shape) between x_i and x_{i+1}",
    "the last y",
    params,
    true,
    build,
    own_length};

}  // namespace tempo::stdlib
