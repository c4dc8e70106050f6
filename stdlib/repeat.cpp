// repeat(s, times): plays the finite schedule s `times` times, or forever without `times`.
// Every repetition starts from the same level, so repetitions are identical.
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { S, TIMES };
constexpr Param params[] = {
    {"s", Kind::schedule, {}, Range::any, {}, "the schedule to repeat (finite)", true},
    {"times", Kind::count, {}, Range::at_least_one, {}, "how many times (default: forever)"},
};

std::optional<double> own_length(Call& c) {
  if (!c.given(TIMES)) return std::nullopt;
  return c.number(TIMES) * c.length_of(S);
}

Built build(Call& c) {
  const double period = c.length_of(S);
  const Built once = c.compile(S, period, c.level());
  auto& tree = c.tree();
  // Cut mid-repetition, the end value is where that repetition had got to.
  double end = once.end;
  if (c.length() != detail::forever) {
    const double into = std::fmod(c.length(), period);
    if (into != 0.0) end = tree.value(once.node, into, c.start() + c.length());
  }
  return {make::repeat(tree, once.node, period, c.length(), end), end};
}
}  // namespace

extern const Primitive repeat_primitive{"repeat",
                                        "play a schedule several times",
                                        "s(τ mod length of s)",
                                        "end of s",
                                        params,
                                        false,
                                        build,
                                        own_length};

}  // namespace tempo::stdlib
