// cyclic(d, base, max, half, mode=triangular, gamma=1, up, down): cyclical learning rates (Smith
// 2017; PyTorch CyclicLR): a triangle between base and max, rising for `up` steps and falling for
// `down` (LANGUAGE.md §10.6). `half` is the symmetric wave, up = down = half.
#include <array>

#include "primitive.hpp"

namespace tempo::stdlib {
namespace {
enum { D, BASE, MAX, HALF, MODE, GAMMA, UP, DOWN };
constexpr std::array<std::string_view, 3> modes = {"triangular", "triangular2", "exp_range"};
constexpr Param params[] = {
    {"d", Kind::duration, {}, Range::non_negative, {}, "length"},
    {"base", Kind::number, {}, Range::any, {}, "lower bound of the cycle", true},
    {"max", Kind::number, {}, Range::any, {}, "upper bound of the cycle", true},
    {"half", Kind::steps, {}, Range::positive, {}, "steps per half cycle (up = down = half)"},
    {"mode", Kind::choice, {}, Range::any, modes, "amplitude scaling"},
    {"gamma", Kind::number, 1.0, Range::positive, {}, "per-step factor of exp_range"},
    {"up", Kind::steps, {}, Range::positive, {}, "steps rising from base to max, instead of half"},
    {"down", Kind::steps, {}, Range::positive, {}, "steps falling back to base (default: up)"},
};

// The rise and the fall: `half`, or `up` and `down` (down defaulting to up, as PyTorch's
// step_size_down does); both forms, or neither, is an error.
std::array<double, 2> up_and_down(Call& c) {
  const bool half = c.given(HALF), up = c.given(UP), down = c.given(DOWN);
  if (half && (up || down)) {
    c.error(up ? UP : DOWN, "`cyclic` takes either `half` or `up` and `down`, not both",
            "half=h is up=h, down=h: keep one form");
  } else if (!half && !up) {
    c.call_error(down ? "`cyclic` needs `up` with `down`"
                      : "`cyclic` needs the argument `half` (or `up` and `down`)",
                 "e.g. cyclic(base=0.1, max=1, half=2000) or cyclic(base=0.1, max=1, up=2000, "
                 "down=6000)");
  }
  if (half) return {c.number(HALF), c.number(HALF)};
  if (!up) return {1.0, 1.0};  // reported above; any wave keeps the tree well formed
  return {c.number(UP), down ? c.number(DOWN) : c.number(UP)};
}

Built build(Call& c) {
  using detail::params::CyclicMode;
  const auto mode = c.choice(MODE);
  const auto [up, down] = up_and_down(c);
  const detail::params::Cyclic p{up, down, c.number(GAMMA),
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
    "base + (max − base)·w·scale: w rises 0 → 1 over up steps, then falls back over down, "
    "in cycle c = ⌊τ/(up + down)⌋ (half: up = down = half); scale 1, 2^−c (triangular2) or "
    "gamma^τ (exp_range)",
    "value at τ = d",
    params,
    false,
    build};

}  // namespace tempo::stdlib
