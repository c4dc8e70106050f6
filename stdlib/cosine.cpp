// cosine(d, min=0, max=L): half a cosine wave from max to min (Loshchilov & Hutter 2017;
// PyTorch CosineAnnealingLR, optax cosine_decay_schedule).
#include "ramp.hpp"

namespace tempo::stdlib {
namespace {
enum { D, MIN, MAX };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"min", Kind::number, 0.0, Range::any, {}, "value at the end"},
    {"max", Kind::level, {}, Range::any, {}, "value at the start (default: the level L)"},
};

Built build(Call& c) {
  return build_ramp(c.tree(), Shape::cosine, c.number(MAX), c.number(MIN), c.length(), 1);
}
}  // namespace

extern const Primitive cosine_primitive{"cosine",
                                        "cosine decay from max to min",
                                        "min + (max − min)·(1 + cos πp)/2",
                                        "min",
                                        params,
                                        true,
                                        build};

}  // namespace tempo::stdlib
