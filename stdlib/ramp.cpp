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
  detail::Node node;
  node.length = length;
  node.end = b;
  // A zero-length ramp is never evaluated inside; keep its constants finite.
  const double per_step = length > 0 ? 1.0 / length : 0.0;
  switch (shape) {
    case Shape::linear:
      node.op = detail::Op::linear;
      node.c0 = a;
      node.c1 = length > 0 ? (b - a) / length : 0.0;
      break;
    case Shape::cosine:
      node.op = detail::Op::cosine;
      node.c0 = (a + b) / 2;
      node.c1 = (a - b) / 2;
      node.a = std::numbers::pi * per_step;
      break;
    case Shape::exp: {
      // b / a itself can over- or underflow (from 1e-300 to 1e300); then the ramp is
      // exp(ln a + τ·(ln b − ln a)/d), whose every intermediate is finite. Otherwise ln(b / a),
      // which loses nothing when a and b are close, as ln b − ln a would.
      const double ratio = b / a;
      if (length > 0 && !(std::isfinite(ratio) && ratio >= std::numeric_limits<double>::min())) {
        detail::Node exponent;
        exponent.op = detail::Op::linear;
        exponent.length = length;
        exponent.end = std::log(b);
        exponent.c0 = std::log(a);
        exponent.c1 = (std::log(b) - std::log(a)) / length;
        node.op = detail::Op::fn_exp;
        return {tree.add(node, {tree.add(exponent)}, {0.0}), b};
      }
      node.op = detail::Op::exp;
      node.c0 = 0;
      node.c1 = a;
      node.a = std::log(ratio) * per_step;
      break;
    }
    case Shape::sqrt:
      node.op = detail::Op::sqrt;
      node.c0 = a;
      node.c1 = b - a;
      node.a = per_step;
      break;
    case Shape::poly:
      node.op = detail::Op::poly;
      node.c0 = b;
      node.c1 = a - b;
      node.a = per_step;
      node.b = power;
      break;
  }
  return {tree.add(node), b};
}

std::string check_ramp(Shape shape, double a, double b) {
  if (shape != Shape::exp || (a > 0 && b > 0)) return {};
  return fmt::format("an exp ramp needs both ends > 0, but it goes from {} to {}", a, b);
}

Built build_segments(detail::Tree& tree, const std::vector<Built>& phases,
                     const std::vector<double>& lengths) {
  std::vector<std::uint32_t> kids;
  std::vector<double> starts;
  double at = 0;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    kids.push_back(phases[i].node);
    starts.push_back(at);
    at += lengths[i];
  }
  detail::Node node;
  node.op = detail::Op::sequence;
  node.length = at;
  node.end = phases.back().end;
  return {tree.add(node, kids, starts), node.end};
}

}  // namespace tempo::stdlib
