// linear(d, to=0, from=L): a straight line from `from` to `to` (PyTorch LinearLR, HF linear).
#include "ramp.hpp"

namespace tempo::stdlib {
namespace {
enum { D, TO, FROM };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"to", Kind::number, 0.0, Range::any, {}, "value at the end"},
    {"from", Kind::level, {}, Range::any, {}, "value at the start (default: the level L)"},
};

Built build(Call& c) {
  return build_ramp(c.tree(), Shape::linear, c.number(FROM), c.number(TO), c.length(), 1);
}
}  // namespace

extern const Primitive linear_primitive{
    "linear", "straight line from `from` to `to`", "from + (to − from)·p", "to", params, true,
    build};

}  // namespace tempo::stdlib
