// exponential(d, gamma): L·gamma^τ, a decay by `gamma` every step (PyTorch ExponentialLR).
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, GAMMA, FROM };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"gamma", Kind::number, {}, Range::positive, {}, "factor per step", true},
    {"from", Kind::level, {}, Range::any, {}, "value it starts from and multiplies (default: L)"},
};

Built build(Call& c) {
  const double gamma = c.number(GAMMA);
  const double end = make::scaled(c.number(FROM), std::pow(gamma, c.length()));
  return {make::power(c.tree(), c.number(FROM), gamma, c.length(), end), end};
}
}  // namespace

extern const Primitive exponential_primitive{
    "exponential", "multiply by gamma every step", "L·gamma^τ", "value at τ = d", params, false,
    build};

}  // namespace tempo::stdlib
