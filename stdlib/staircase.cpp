// staircase(d, every, gamma=0.1): multiply by gamma every `every` steps (PyTorch StepLR).
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, EVERY, GAMMA, FROM };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"every", Kind::steps, {}, Range::positive, {}, "steps per stair", true},
    {"gamma", Kind::number, 0.1, Range::positive, {}, "factor per stair"},
    {"from", Kind::level, {}, Range::any, {}, "value it starts from and multiplies (default: L)"},
};

Built build(Call& c) {
  const double gamma = c.number(GAMMA), every = c.number(EVERY), length = c.length();
  // The end value is the last stair shown: ⌊τ/every⌋ as τ approaches d from below.
  const double stairs = length > 0 ? std::ceil(length / every) - 1 : 0;
  const double end = make::scaled(c.number(FROM), std::pow(gamma, stairs));
  return {make::staircase(c.tree(), c.number(FROM), gamma, every, length, end), end};
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
