// inv_time(d, scale, rate=1, staircase=false, from=L): from / (1 + rate·τ/scale), the inverse
// time decay of Keras (InverseTimeDecay) and DeepSpeed's post-cycle decay; with staircase the
// decay happens in steps of `scale`, ⌊τ/scale⌋ in place of τ/scale (LANGUAGE.md §10.7).
#include <cmath>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, SCALE, RATE, STAIRCASE, FROM };
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"scale", Kind::steps, {}, Range::positive, {}, "steps per unit of decay", true},
    {"rate", Kind::number, 1.0, Range::non_negative, {}, "decay per `scale` steps"},
    {"staircase", Kind::boolean, {}, Range::any, {}, "decay in whole steps of `scale`"},
    {"from", Kind::level, {}, Range::any, {}, "value at the start (default: the level L)"},
};

Built build(Call& c) {
  detail::Params p;
  p.inv_time = {c.number(SCALE), c.number(RATE), c.given(STAIRCASE) ? c.number(STAIRCASE) : 0.0};
  const double from = c.number(FROM);
  // The end value is the limit from below: with staircase, the stair before d.
  const double d = p.inv_time.staircase != 0.0 ? std::nextafter(c.length(), 0.0) : c.length();
  const double end = from * p.inv_time.basis(d, {});
  return {make::closed(c.tree(), detail::Op::inv_time, p, 0.0, from, c.length(), end), end};
}
}  // namespace

extern const Primitive inv_time_primitive{"inv_time",
                                          "inverse time decay",
                                          "from / (1 + rate·τ/scale), ⌊τ/scale⌋ with staircase",
                                          "value at τ = d (staircase: the stair before d)",
                                          params,
                                          false,
                                          build};

}  // namespace tempo::stdlib
