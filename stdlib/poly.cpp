// poly(d, power=1, min=0, max=L): polynomial decay (PyTorch PolynomialLR, HF polynomial).
#include "ramp.hpp"

namespace tempo::stdlib {
namespace {
enum { D, POWER, MIN, MAX };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"power", Kind::number, 1.0, Range::non_negative, {}, "exponent"},
    {"min", Kind::number, 0.0, Range::any, {}, "value at the end"},
    {"max", Kind::level, {}, Range::any, {}, "value at the start (default: the level L)"},
};

Built build(Call& c) {
  return build_ramp(c.tree(), Shape::poly, c.number(MAX), c.number(MIN), c.length(),
                    c.number(POWER));
}
}  // namespace

extern const Primitive poly_primitive{"poly",
                                      "polynomial decay from max to min",
                                      "min + (max − min)·(1 − p)^power",
                                      "min",
                                      params,
                                      true,
                                      build};

}  // namespace tempo::stdlib
