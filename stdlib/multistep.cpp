// multistep(d, at=[m1, m2, ...], gamma=0.1): multiply by gamma at each milestone
// (PyTorch MultiStepLR).
#include <algorithm>
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, AT, GAMMA };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"at", Kind::step_list, {}, Range::any, {}, "milestones, strictly increasing", true},
    {"gamma", Kind::number, 0.1, Range::positive, {}, "factor per milestone"},
};

Built build(Call& c) {
  const auto& milestones = c.list(AT);
  auto& tree = c.tree();
  detail::Node node;
  node.op = detail::Op::multistep;
  node.c0 = 0;
  node.c1 = c.level();
  node.a = c.number(GAMMA);
  node.length = c.length();
  node.first = static_cast<std::uint32_t>(tree.values.size());
  node.count = static_cast<std::uint32_t>(milestones.size());
  tree.values.insert(tree.values.end(), milestones.begin(), milestones.end());
  // The end value counts the milestones strictly before d (the limit from below).
  const auto passed =
      std::lower_bound(milestones.begin(), milestones.end(), node.length) - milestones.begin();
  node.end = c.level() * std::pow(node.a, static_cast<double>(passed));
  return {tree.add(node), node.end};
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
