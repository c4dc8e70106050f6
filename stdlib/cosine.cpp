// cosine(d, min=0, max=L): half a cosine wave from max to min (Loshchilov & Hutter 2017;
// PyTorch CosineAnnealingLR, optax cosine_decay_schedule).
#include <numbers>

#include "ramp.hpp"

namespace tempo::stdlib {
namespace {
enum { D, MIN, MAX, EXPONENT };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"min", Kind::number, 0.0, Range::any, {}, "value at the end"},
    {"max", Kind::level, {}, Range::any, {}, "value at the start (default: the level L)"},
    {"exponent", Kind::number, 1.0, Range::positive, {}, "power of the cosine factor (optax)"},
};

Built build(Call& c) {
  const double lo = c.number(MIN), hi = c.number(MAX), exponent = c.number(EXPONENT);
  if (exponent == 1.0) return build_ramp(c.tree(), Shape::cosine, hi, lo, c.length(), 1);
  // min + (max − min)·((1 + cos πp)/2)^exponent (LANGUAGE.md §10.7)
  detail::Params p;
  p.cosine_power = {c.length() > 0 ? std::numbers::pi / c.length() : 0.0, exponent};
  return {make::closed(c.tree(), detail::Op::cosine_power, p, lo, hi - lo, c.length(), lo), lo};
}
}  // namespace

extern const Primitive cosine_primitive{"cosine",
                                        "cosine decay from max to min",
                                        "min + (max − min)·((1 + cos πp)/2)^exponent",
                                        "min",
                                        params,
                                        true,
                                        build};

}  // namespace tempo::stdlib
