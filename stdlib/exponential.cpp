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
  detail::Node node;
  node.op = detail::Op::power;
  node.c0 = 0;
  node.c1 = c.level();
  node.a = c.number(GAMMA);
  node.length = c.length();
  node.end = c.level() * std::pow(node.a, node.length);
  return {c.tree().add(node), node.end};
}
}  // namespace

extern const Primitive exponential_primitive{
    "exponential", "multiply by gamma every step", "L·gamma^τ", "value at τ = d", params, false,
    build};

}  // namespace tempo::stdlib
