// The ramp shapes as closed-form nodes. Each keeps the formula of LANGUAGE.md §5 with the
// constants computed once: linear a + (b − a)·τ/d, cosine (a+b)/2 + (a−b)/2·cos(πτ/d),
// exp a·exp(τ·ln(b/a)/d), sqrt a + (b − a)·√(τ/d), poly b + (a − b)·(1 − τ/d)^power.
#include "ramp.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace tempo::stdlib {

Shape shape_named(std::string_view name) {
  for (std::size_t i = 0; i < shape_names.size(); ++i) {
    if (shape_names[i] == name) return static_cast<Shape>(i);
  }
  return Shape::linear;
}

Built build_ramp(detail::Tree& tree, Shape shape, double a, double b, double length, double power) {
  // A zero-length ramp is never evaluated inside; keep its constants finite.
  const double per_step = length > 0 ? 1.0 / length : 0.0;
  switch (shape) {
    case Shape::linear:
      return {make::linear(tree, a, length > 0 ? (b - a) / length : 0.0, length, b), b};
    case Shape::cosine:
      return {make::cosine(tree, (a + b) / 2, (a - b) / 2, std::numbers::pi * per_step, length, b),
              b};
    case Shape::exp: {
      // b / a itself can over- or underflow (from 1e-300 to 1e300); then the ramp is
      // exp(ln a + τ·(ln b − ln a)/d), whose every intermediate is finite. Otherwise ln(b / a),
      // which loses nothing when a and b are close, as ln b − ln a would.
      const double ratio = b / a;
      if (length > 0 && !(std::isfinite(ratio) && ratio >= std::numeric_limits<double>::min())) {
        const make::Id exponent = make::linear(
            tree, std::log(a), (std::log(b) - std::log(a)) / length, length, std::log(b));
        const make::Id ramp = make::function(tree, detail::Op::fn_exp, {&exponent, 1});
        make::end_at(tree, ramp, length, b);
        return {ramp, b};
      }
      return {make::exp(tree, 0.0, a, std::log(ratio) * per_step, length, b), b};
    }
    case Shape::sqrt:
      return {make::sqrt(tree, a, b - a, per_step, length, b), b};
    case Shape::poly:
      return {make::poly(tree, b, a - b, per_step, power, length, b), b};
    case Shape::log: {  // a + (b − a)·ln(1 + τ)/ln(1 + d) (LANGUAGE.md §10.7)
      detail::Params p;
      p.log = {length > 0 ? 1.0 / std::log1p(length) : 0.0};
      return {make::closed(tree, detail::Op::log, p, a, b - a, length, b), b};
    }
  }
  return {make::constant(tree, b, length), b};  // not reached: every shape is handled above
}

std::string check_ramp(Shape shape, double a, double b) {
  if (shape != Shape::exp || (a > 0 && b > 0)) return {};
  return fmt::format("an exp ramp needs both ends > 0, but it goes from {} to {}", a, b);
}

Built build_segments(detail::Tree& tree, const std::vector<Built>& phases,
                     const std::vector<double>& lengths) {
  std::vector<make::Id> kids;
  std::vector<double> starts;
  double at = 0;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    kids.push_back(phases[i].node);
    starts.push_back(at);
    at += lengths[i];
  }
  const double end = phases.back().end;
  return {make::sequence(tree, kids, starts, at, end), end};
}

}  // namespace tempo::stdlib
