// take(d, s): the first d steps of s (LANGUAGE.md §10.4). An elastic s fills the d steps; a finite
// s shorter than d holds its end value up to d; a longer one is cut. The end value is the limit
// of s as τ approaches d from below. This is how a decay branches off a trunk at a checkpoint:
// `take(40k, warmup(2000) >> stable()) >> decay(10%, shape=sqrt)`.
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, S };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "how many steps of s to play", true},
    {"s", Kind::body, {}, Range::any, {}, "the schedule to play the start of", true},
};

Built build(Call& c) {
  const double d = c.length();
  const std::optional<double> own = c.fixed_length(S);
  const Built body = c.compile(S, own.value_or(d), c.level());
  auto& tree = c.tree();
  // Planned over exactly d steps, or shorter and then held: its own end is the limit.
  if (!own || *own <= d) return body;
  // Cut: the value just before d, and only the phases that start before d.
  const double before = std::nextafter(d, 0.0);
  const double end = d > 0 ? tree.value(body.node, before, c.start() + before)
                           : tree.value(body.node, 0.0, c.start());
  // The last phase that starts before d is clipped to end at d and hold the limit there, so the
  // phase table and a sequence around it see the cut.
  auto clipped = [&](std::uint32_t id, double length) {
    detail::Node copy = tree.nodes[id];
    copy.length = length;
    copy.end = end;
    return tree.add(copy);  // its children, if any, are shared
  };
  const detail::Node inner = tree.nodes[body.node];
  if (inner.op != detail::Op::sequence) return {clipped(body.node, d), end};
  std::vector<std::uint32_t> kids;
  std::vector<double> starts;
  for (std::uint32_t i = 0; i < inner.count; ++i) {
    const double start = tree.starts[inner.first + i];
    if (i > 0 && start >= d) break;
    kids.push_back(tree.children[inner.first + i]);
    starts.push_back(start);
  }
  kids.back() = clipped(kids.back(), d - starts.back());
  detail::Node cut;
  cut.op = detail::Op::sequence;
  cut.length = d;
  cut.end = end;
  return {tree.add(cut, kids, starts), end};
}
}  // namespace

extern const Primitive take_primitive{"take",
                                      "the first d steps of a schedule",
                                      "s(τ) for τ < d",
                                      "the limit of s as τ approaches d from below",
                                      params,
                                      true,
                                      build};

}  // namespace tempo::stdlib
