// cyclic(d, base, max, half, mode=triangular, gamma=1): cyclical learning rates (Smith 2017;
// PyTorch CyclicLR): a triangle between base and max, half a cycle every `half` steps.
#include <array>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, BASE, MAX, HALF, MODE, GAMMA };
constexpr std::array<std::string_view, 3> modes = {"triangular", "triangular2", "exp_range"};
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"base", Kind::number, {}, Range::any, {}, "lower bound of the cycle", true},
    {"max", Kind::number, {}, Range::any, {}, "upper bound of the cycle", true},
    {"half", Kind::steps, {}, Range::positive, {}, "steps per half cycle", true},
    {"mode", Kind::choice, {}, Range::any, modes, "amplitude scaling"},
    {"gamma", Kind::number, 1.0, Range::positive, {}, "per-step factor of exp_range"},
};

Built build(Call& c) {
  using detail::params::CyclicMode;
  const auto mode = c.choice(MODE);
  const detail::params::Cyclic p{c.number(HALF), c.number(GAMMA),
                                 mode == "triangular2" ? CyclicMode::triangular2
                                 : mode == "exp_range" ? CyclicMode::exp_range
                                                       : CyclicMode::triangular};
  auto& tree = c.tree();
  const auto id =
      make::cyclic(tree, c.number(BASE), c.number(MAX) - c.number(BASE), p, detail::forever, 0.0);
  // The wave is continuous: it ends at its value at τ = d.
  return {id, make::end_continuous(tree, id, c.length(), c.start())};
}
}  // namespace

extern const Primitive cyclic_primitive{
    "cyclic",
    "cyclical learning rate (triangle wave)",
    "base + (max − base)·max(0, 1 − x)·scale, x = |τ/half − 2c − 1|, c = ⌊τ/(2·half)⌋",
    "value at τ = d",
    params,
    false,
    build};

}  // namespace tempo::stdlib
