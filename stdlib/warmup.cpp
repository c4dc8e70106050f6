// warmup(d, from=0, to=1, shape=linear, power=2): ramp up from `from` to `to` (Goyal et al. 2017).
#include "ramp.hpp"

namespace tempo::stdlib {
namespace {
enum { D, FROM, TO, SHAPE, POWER };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length of the warmup"},
    {"from", Kind::number, 0.0, Range::any, {}, "value at the start"},
    {"to", Kind::number, 1.0, Range::any, {}, "value at the end"},
    {"shape", Kind::choice, {}, Range::any, shape_names, "ramp shape"},
    {"power", Kind::number, 2.0, Range::non_negative, {}, "exponent of the poly shape"},
};

Built build(Call& c) {
  const Shape shape = shape_named(c.choice(SHAPE));
  if (auto problem = check_ramp(shape, c.number(FROM), c.number(TO)); !problem.empty()) {
    c.error(c.given(FROM) ? FROM : TO, problem, "exp ramps are for ranges like 1e-7 to 10");
  }
  return build_ramp(c.tree(), shape, c.number(FROM), c.number(TO), c.length(), c.number(POWER));
}
}  // namespace

extern const Primitive warmup_primitive{
    "warmup", "ramp up from `from` to `to`", "ramp(from, to, p, shape)", "to", params, true, build};

}  // namespace tempo::stdlib
