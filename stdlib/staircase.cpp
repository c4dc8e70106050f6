// staircase(d, every, gamma=0.1): multiply by gamma every `every` steps (PyTorch StepLR).
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, EVERY, GAMMA };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"every", Kind::steps, {}, Range::positive, {}, "steps per stair", true},
    {"gamma", Kind::number, 0.1, Range::positive, {}, "factor per stair"},
};

Built build(Call& c) {
  detail::Node node;
  node.op = detail::Op::staircase;
  node.c0 = 0;
  node.c1 = c.level();
  node.a = c.number(GAMMA);
  node.b = c.number(EVERY);
  node.length = c.length();
  // The end value is the last stair shown: ⌊τ/every⌋ as τ approaches d from below.
  const double stairs = node.length > 0 ? std::ceil(node.length / node.b) - 1 : 0;
  node.end = c.level() * std::pow(node.a, stairs);
  return {c.tree().add(node), node.end};
}
}  // namespace

extern const Primitive staircase_primitive{"staircase",
                                           "multiply by gamma every `every` steps",
                                           "L·gamma^⌊τ/every⌋",
                                           "the last stair before d",
                                           params,
                                           false,
                                           build};

}  // namespace tempo::stdlib
