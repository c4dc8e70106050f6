// stable(d, at=L): hold a value; the S of warmup-stable-decay (WSD, Hu et al. 2024).
#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, AT };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"at", Kind::level, {}, Range::any, {}, "the value held (default: the level L)"},
};

Built build(Call& c) {
  return {make::constant(c.tree(), c.number(AT), c.length()), c.number(AT)};
}
}  // namespace

extern const Primitive stable_primitive{
    "stable", "hold a constant value", "at", "at", params, false, build};

}  // namespace tempo::stdlib
