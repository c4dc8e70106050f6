// multistep(d, at=[m1, m2, ...], gamma=0.1): multiply by gamma at each milestone
// (PyTorch MultiStepLR).
#include <algorithm>
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, AT, GAMMA, FROM };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"at", Kind::step_list, {}, Range::any, {}, "milestones, strictly increasing", true},
    {"gamma", Kind::number, 0.1, Range::positive, {}, "factor per milestone"},
    {"from", Kind::level, {}, Range::any, {}, "value it starts from and multiplies (default: L)"},
};

Built build(Call& c) {
  const auto& milestones = c.list(AT);
  const double gamma = c.number(GAMMA);
  // The end value counts the milestones strictly before d (the limit from below).
  const auto passed =
      std::lower_bound(milestones.begin(), milestones.end(), c.length()) - milestones.begin();
  const double end = make::scaled(c.number(FROM), std::pow(gamma, static_cast<double>(passed)));
  return {make::multistep(c.tree(), c.number(FROM), gamma, milestones, c.length(), end), end};
}
}  // namespace

extern const Primitive multistep_primitive{"multistep",
                                           "multiply by gamma at each milestone",
                                           "L·gamma^#{m ≤ τ}",
                                           "value just before d",
                                           params,
                                           false,
                                           build};

}  // namespace tempo::stdlib
