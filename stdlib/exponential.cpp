// exponential(d, gamma): L·gamma^τ, a decay by `gamma` every step (PyTorch ExponentialLR).
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, GAMMA };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"gamma", Kind::number, {}, Range::positive, {}, "factor per step", true},
};

Built build(Call& c) {
  const double gamma = c.number(GAMMA);
  const double end = make::scaled(c.level(), std::pow(gamma, c.length()));
  return {make::power(c.tree(), c.level(), gamma, c.length(), end), end};
}
}  // namespace

extern const Primitive exponential_primitive{
    "exponential", "multiply by gamma every step", "L·gamma^τ", "value at τ = d", params, false,
    build};

}  // namespace tempo::stdlib
