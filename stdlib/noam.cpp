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
  detail::Node node;
  node.op = detail::Op::noam;
  node.c0 = 0;
  node.c1 = std::pow(c.number(D_MODEL), -0.5);
  node.a = std::pow(c.number(WARMUP), -1.5);
  node.length = c.length();
  const double s = std::max(node.length, 1.0);
  node.end = node.c1 * std::min(std::pow(s, -0.5), s * node.a);
  return {c.tree().add(node), node.end};
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
