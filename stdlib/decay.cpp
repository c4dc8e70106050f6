// decay(d, min=0, shape=linear, power=2, max=L): the D of WSD, in any ramp shape; `sqrt` is the
// "1 − sqrt" cooldown (Hägele et al. 2024).
#include "ramp.hpp"

namespace tempo::stdlib {
namespace {
enum { D, MIN, SHAPE, POWER, MAX };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"min", Kind::number, 0.0, Range::any, {}, "value at the end"},
    {"shape", Kind::choice, {}, Range::any, shape_names, "ramp shape"},
    {"power", Kind::number, 2.0, Range::non_negative, {}, "exponent of the poly shape"},
    {"max", Kind::level, {}, Range::any, {}, "value at the start (default: the level L)"},
};

Built build(Call& c) {
  const Shape shape = shape_named(c.choice(SHAPE));
  if (auto problem = check_ramp(shape, c.number(MAX), c.number(MIN)); !problem.empty()) {
    c.error(c.given(MIN) || !c.given(MAX) ? MIN : MAX, problem,
            "give `min` and `max` above 0, or another shape");
  }
  return build_ramp(c.tree(), shape, c.number(MAX), c.number(MIN), c.length(), c.number(POWER));
}
}  // namespace

extern const Primitive decay_primitive{"decay",
                                       "decay from max to min in any ramp shape",
                                       "ramp(max, min, p, shape)",
                                       "min",
                                       params,
                                       true,
                                       build};

}  // namespace tempo::stdlib
