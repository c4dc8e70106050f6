// sgdr(d, period, mult=1, min=0, max=L, decay=1): cosine annealing with warm restarts
// (Loshchilov & Hutter 2017; PyTorch CosineAnnealingWarmRestarts). Cycle i lasts
// period·mult^i and restarts from max·decay^i.
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, PERIOD, MULT, MIN, MAX, DECAY };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"period", Kind::steps, {}, Range::positive, {}, "steps of the first cycle", true},
    {"mult", Kind::number, 1.0, Range::at_least_one, {}, "growth of each next cycle"},
    {"min", Kind::number, 0.0, Range::any, {}, "value at the end of each cycle"},
    {"max", Kind::level, {}, Range::any, {}, "value at the first restart (default: L)"},
    {"decay", Kind::number, 1.0, Range::positive, {}, "factor on max at each restart"},
};

// True when d is the first step of a cycle, where the limit from below is `min`.
bool on_restart(double d, double period, double mult) {
  if (d <= 0 || d == detail::forever) return false;
  if (mult == 1.0) return std::fmod(d, period) == 0.0;
  const double cycle = std::round(std::log1p(d * (mult - 1.0) / period) / std::log(mult));
  return period * (std::pow(mult, cycle) - 1.0) / (mult - 1.0) == d;
}

Built build(Call& c) {
  const detail::params::Sgdr p{c.number(PERIOD), c.number(MULT), c.number(DECAY), c.number(MIN),
                               c.number(MAX)};
  auto& tree = c.tree();
  // Ending exactly where a cycle would restart, the limit from below is `min`.
  if (on_restart(c.length(), p.period, p.mult)) {
    return {make::sgdr(tree, p, c.length(), p.min), p.min};
  }
  const auto id = make::sgdr(tree, p, detail::forever, 0.0);
  return {id, make::end_continuous(tree, id, c.length(), c.start())};
}
}  // namespace

extern const Primitive sgdr_primitive{
    "sgdr",
    "cosine annealing with warm restarts",
    "min + (max·decay^i − min)·(1 + cos(π·τi/Ti))/2 in cycle i of length Ti = period·mult^i",
    "value just before d",
    params,
    false,
    build};

}  // namespace tempo::stdlib
