// noam(d, d_model, warmup): the schedule of "Attention is all you need" (Vaswani et al. 2017):
// d_model^−0.5 · min(s^−0.5, s·warmup^−1.5) with s = max(τ, 1). It ignores the level.
#include <algorithm>
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, D_MODEL, WARMUP };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"d_model", Kind::number, {}, Range::positive, {}, "model width", true},
    {"warmup", Kind::steps, {}, Range::positive, {}, "warmup steps", true},
};

Built build(Call& c) {
  const double scale = std::pow(c.number(D_MODEL), -0.5);
  const double rate = std::pow(c.number(WARMUP), -1.5);
  const double s = std::max(c.length(), 1.0);
  const double end = scale * std::min(std::pow(s, -0.5), s * rate);
  return {make::noam(c.tree(), scale, rate, c.length(), end), end};
}
}  // namespace

extern const Primitive noam_primitive{"noam",
                                      "Transformer warmup then inverse square root",
                                      "d_model^−0.5·min(s^−0.5, s·warmup^−1.5), s = max(τ, 1)",
                                      "value at τ = d",
                                      params,
                                      false,
                                      build};

}  // namespace tempo::stdlib
