// inv_sqrt(d, scale): L·sqrt(scale / (scale + τ)), the inverse square root decay of
// "Attention is all you need" and T5, continuous at τ = 0.
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, SCALE, FROM };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"scale", Kind::steps, {}, Range::positive, {}, "steps until the value is L/√2", true},
    {"from", Kind::level, {}, Range::any, {}, "value it starts from and multiplies (default: L)"},
};

Built build(Call& c) {
  const double scale = c.number(SCALE);
  const double end = c.number(FROM) * std::sqrt(scale / (scale + c.length()));
  return {make::inv_sqrt(c.tree(), c.number(FROM), scale, c.length(), end), end};
}
}  // namespace

extern const Primitive inv_sqrt_primitive{"inv_sqrt",
                                          "inverse square root decay",
                                          "L·sqrt(scale / (scale + τ))",
                                          "value at τ = d",
                                          params,
                                          false,
                                          build};

}  // namespace tempo::stdlib
