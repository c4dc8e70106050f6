// ramp(a, b, p, shape): the interpolation that warmup, linear, cosine, poly, decay, interp and
// onecycle share (LANGUAGE.md §5). Each shape becomes one closed-form node `c0 + c1·basis(τ)`.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "primitive.hpp"

namespace tempo::stdlib {

enum class Shape : std::uint8_t { linear, cosine, exp, sqrt, poly, log };
inline constexpr std::array<std::string_view, 6> shape_names = {"linear", "cosine", "exp",
                                                                "sqrt",   "poly",   "log"};
Shape shape_named(std::string_view name);

// A phase of `length` steps going from a to b along `shape` and holding b after.
Built build_ramp(detail::Tree& tree, Shape shape, double a, double b, double length, double power);
// An exp ramp needs both ends > 0: the error message for `param`, or empty when fine.
std::string check_ramp(Shape shape, double a, double b);

// A sequence of phases laid end to end (onecycle's and interp's segments).
Built build_segments(detail::Tree& tree, const std::vector<Built>& phases,
                     const std::vector<double>& lengths);

}  // namespace tempo::stdlib
