// onecycle(d, max=1, pct=0.3, div=25, final_div=1e4, anneal=cosine, three_phase=false): the
// 1cycle policy (Smith & Topin 2018; PyTorch OneCycleLR), built as two or three ramps.
#include <algorithm>
#include <array>
#include <cmath>

#include "ramp.hpp"

namespace tempo::stdlib {
namespace {
enum { D, MAX, PCT, DIV, FINAL_DIV, ANNEAL, THREE_PHASE };
constexpr std::array<std::string_view, 2> anneals = {"cosine", "linear"};
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"max", Kind::number, 1.0, Range::any, {}, "peak value"},
    {"pct", Kind::number, 0.3, Range::open_unit, {}, "share of d spent rising"},
    {"div", Kind::number, 25.0, Range::positive, {}, "start value is max/div"},
    {"final_div", Kind::number, 1e4, Range::positive, {}, "end value is max/div/final_div"},
    {"anneal", Kind::choice, {}, Range::any, anneals, "segment shape"},
    {"three_phase", Kind::boolean, {}, Range::any, {}, "come back down to max/div first"},
};

Built build(Call& c) {
  const double d = c.length(), peak = c.number(MAX);
  const double low = peak / c.number(DIV), end = low / c.number(FINAL_DIV);
  const bool three = c.given(THREE_PHASE) && c.number(THREE_PHASE) != 0;
  const Shape shape = c.choice(ANNEAL) == "linear" ? Shape::linear : Shape::cosine;
  if (three && c.number(PCT) > 0.5) {
    c.error(PCT, "`pct` must be at most 0.5 with three_phase=true",
            "the rise and the fall "
            "each take pct of d");
  }
  // The phase boundary follows the duration rules: rounded half away from zero, at least 1.
  const double up = std::max(1.0, std::round(d * c.number(PCT)));
  auto& tree = c.tree();
  std::vector<Built> phases;
  std::vector<double> lengths;
  auto add = [&](double from, double to, double length) {
    length = std::max(0.0, length);
    phases.push_back(build_ramp(tree, shape, from, to, length, 1));
    lengths.push_back(length);
  };
  add(low, peak, std::min(up, d));
  if (three) {
    add(peak, low, std::min(up, d - up));
    add(low, end, d - 2 * up);
  } else {
    add(peak, end, d - up);
  }
  return build_segments(tree, phases, lengths);
}
}  // namespace

extern const Primitive onecycle_primitive{
    "onecycle",
    "the 1cycle policy",
    "lo = max/div → max over [0, u), then → lo/final_div (three_phase: → lo over [u, 2u), then "
    "→ lo/final_div); u = round(d·pct)",
    "max/div/final_div",
    params,
    true,
    build};

}  // namespace tempo::stdlib
