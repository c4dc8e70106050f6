// The operation table of the evaluation tree. Every op is one row below: a closed form
// (c0 + c1·basis(τ), whose constants fold), a composite over children, or a leaf. A closed form
// is its row plus its parameter struct, whose `basis` is the formula; every switch over Op is
// generated from these rows, so a new op is handled everywhere or does not compile, and no
// `default:` computes something else in its place.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string_view>

namespace tempo::detail {

// x^y as every path computes it: x·x for the square (exact where pow may round), pow otherwise.
inline double power(double x, double y) noexcept {
  return y == 2.0 ? x * x : std::pow(x, y);
}

// Per-op parameters. `basis(τ, list)` is the closed form's formula; `list` is the node's slice
// of Tree::values (multistep's milestones), empty for the others. A struct whose basis never
// returns −0 says `no_negative_zero`: its kernel may leave out a zero c0 (+0 + x is x for
// every x but −0) and a c1 of 1.
namespace params {
struct List {
  const double* data;
  std::uint32_t size;
};

struct None {
  double basis(double, List) const noexcept { return 0.0; }
};
struct Linear {
  double basis(double tau, List) const noexcept { return tau; }
};
struct Cosine {
  double omega;  // radians per step
  double basis(double tau, List) const noexcept { return std::cos(omega * tau); }
};
struct Exp {
  static constexpr bool no_negative_zero = true;
  double rate;
  double basis(double tau, List) const noexcept { return std::exp(rate * tau); }
};
struct Sqrt {
  double rate;
  double basis(double tau, List) const noexcept { return std::sqrt(rate * tau); }
};
struct Poly {  // (1 − rate·τ)^power, the base clamped at 0
  static constexpr bool no_negative_zero = true;
  double rate, power;
  double basis(double tau, List) const noexcept {
    return std::pow(std::max(0.0, 1.0 - rate * tau), power);
  }
};
struct Power {  // base^τ
  static constexpr bool no_negative_zero = true;
  double base;
  double basis(double tau, List) const noexcept { return std::pow(base, tau); }
};
struct Staircase {  // gamma^⌊τ / every⌋
  static constexpr bool no_negative_zero = true;
  double gamma, every;
  double stair(double tau) const noexcept { return std::floor(tau / every); }
  double basis(double tau, List) const noexcept { return std::pow(gamma, stair(tau)); }
};
struct Multistep {  // gamma^#{m ≤ τ} over the milestones
  static constexpr bool no_negative_zero = true;
  double gamma;
  double basis(double tau, List milestones) const noexcept {
    const auto passed =
        std::upper_bound(milestones.data, milestones.data + milestones.size, tau) - milestones.data;
    return std::pow(gamma, static_cast<double>(passed));
  }
};
struct InvSqrt {  // sqrt(scale / (scale + τ))
  static constexpr bool no_negative_zero = true;
  double scale;
  double basis(double tau, List) const noexcept { return std::sqrt(scale / (scale + tau)); }
};
struct InvTime {  // 1 / (1 + rate·x), x = τ/scale, or ⌊τ/scale⌋ in steps (Keras InverseTimeDecay)
  static constexpr bool no_negative_zero = true;
  double scale, rate, staircase;  // staircase: 1 or 0
  double basis(double tau, List) const noexcept {
    const double x = staircase != 0.0 ? std::floor(tau / scale) : tau / scale;
    return 1.0 / (1.0 + rate * x);
  }
};
// plateau's decisions (LANGUAGE.md §10.9), taken when the schedule was bound to a record of
// observations: the list holds the k local steps σ_1 < … < σ_k at which a reduction was
// decided, then the k + 1 values v_0 … v_k. An observation at σ changes the values at τ > σ, so
// the value is v_i with i = #{σ_j < τ}.
struct Plateau {
  double basis(double tau, List decided) const noexcept {
    const std::uint32_t k = decided.size / 2;
    const auto passed = std::lower_bound(decided.data, decided.data + k, tau) - decided.data;
    return decided.data[k + static_cast<std::uint32_t>(passed)];
  }
};
struct Log {  // ln(1 + τ)·rate, rate = 1 / ln(1 + d) (DeepSpeed WarmupLR's log warmup)
  double rate;
  double basis(double tau, List) const noexcept { return std::log1p(tau) * rate; }
};
struct CosinePower {  // ((1 + cos(omega·τ)) / 2)^exponent (optax cosine_decay_schedule)
  static constexpr bool no_negative_zero = true;
  double omega, exponent;
  double basis(double tau, List) const noexcept {
    return std::pow((1.0 + std::cos(omega * tau)) / 2.0, exponent);
  }
};
struct Noam {  // min(s^−0.5, s·rate), s = max(τ, 1); rate = warmup^−1.5
  static constexpr bool no_negative_zero = true;
  double rate;
  double basis(double tau, List) const noexcept {
    const double s = std::max(tau, 1.0);
    return std::min(std::pow(s, -0.5), s * rate);
  }
};
// Cyclical learning rates (Smith 2017; PyTorch CyclicLR): a triangle wave rising for `up` steps
// and falling for `down`, max(0, triangle)·amplitude in cycle c = ⌊τ/(up + down)⌋.
enum class CyclicMode : std::uint8_t { triangular, triangular2, exp_range };
struct Cyclic {
  static constexpr bool no_negative_zero = true;
  double up, down, gamma;
  CyclicMode mode;
  // The rise (r/up) or the fall ((up + down − r)/down) at r = τ − c·(up + down), exact for
  // integer steps. The symmetric wave keeps |τ/half − 2c − 1|, the formula of LANGUAGE.md §5.
  template <bool symmetric>
  double triangle(double tau, double& cycle) const noexcept {
    if constexpr (symmetric) {
      cycle = std::floor(tau / (2.0 * up));
      return std::max(0.0, 1.0 - std::fabs(tau / up - 2.0 * cycle - 1.0));
    } else {
      const double period = up + down;
      cycle = std::floor(tau / period);
      const double r = tau - cycle * period;
      return std::max(0.0, r < up ? r / up : (period - r) / down);
    }
  }
  // The basis with the mode and the symmetry known (the lowering picks one per phase).
  template <CyclicMode m, bool symmetric>
  double basis_as(double tau) const noexcept {
    double cycle = 0;
    const double triangle = this->triangle<symmetric>(tau, cycle);
    // At the bottom of the wave the value is `base` whatever the amplitude (0·∞ is not NaN).
    if (triangle == 0.0) return 0.0;
    if constexpr (m == CyclicMode::triangular) return triangle;
    if constexpr (m == CyclicMode::triangular2) return triangle / std::exp2(cycle);
    if constexpr (m == CyclicMode::exp_range) return triangle * std::pow(gamma, tau);
  }
  template <bool symmetric>
  double basis_with(double tau) const noexcept {
    switch (mode) {
      case CyclicMode::triangular:
        return basis_as<CyclicMode::triangular, symmetric>(tau);
      case CyclicMode::triangular2:
        return basis_as<CyclicMode::triangular2, symmetric>(tau);
      case CyclicMode::exp_range:
        return basis_as<CyclicMode::exp_range, symmetric>(tau);
    }
    return 0.0;
  }
  double basis(double tau, List) const noexcept {
    return up == down ? basis_with<true>(tau) : basis_with<false>(tau);
  }
};
// SGDR (Loshchilov & Hutter 2017; PyTorch CosineAnnealingWarmRestarts): cycle i lasts
// period·mult^i and restarts from max·decay^i, annealing to min along half a cosine.
struct Sgdr {
  double period, mult, decay, min, max;

  struct Cycle {
    double index, start, length;
  };
  double start_of(double i) const noexcept {
    return mult == 1.0 ? i * period : period * (std::pow(mult, i) - 1.0) / (mult - 1.0);
  }
  // The cycle holding τ ≥ 0. The logarithm gives a first guess; a few exact comparisons settle
  // it where the logarithm rounds the wrong way. They are bounded: above 2^53 cycles, or where
  // the starts overflow, the guess stands (adding 1 would not change it).
  Cycle cycle_of(double tau) const noexcept {
    if (mult == 1.0) {
      const double i = std::floor(tau / period);
      return {i, i * period, period};
    }
    double i = std::floor(std::log1p(tau * (mult - 1.0) / period) / std::log(mult));
    if (!(i < 0x1p53)) {  // τ·(mult − 1) overflowed, or τ is +∞
      i = std::floor((std::log(tau) + std::log(mult - 1.0) - std::log(period)) / std::log(mult));
      if (!(i < 0x1p1023)) i = std::numeric_limits<double>::infinity();
    }
    if (i < 0x1p53) {
      for (int k = 0; k < 4 && i > 0 && start_of(i) > tau; ++k) --i;
      for (int k = 0; k < 4 && start_of(i + 1) <= tau; ++k) ++i;
    }
    // Past 2^53 cycles the start may round above τ or overflow: the cycle then starts at τ.
    return {i, std::min(start_of(i), tau), period * std::pow(mult, i)};
  }
  // Within cycle i, the value is k0 + k1·cos(omega·(τ − start)): the same doubles whether
  // computed here per step or once per cycle by the lowering, so both give the same bits.
  struct Cosine {
    double k0, k1, omega;
  };
  Cosine cosine_of(const Cycle& c) const noexcept {
    const double top = max * std::pow(decay, c.index);
    return {(top + min) / 2.0, (top - min) / 2.0, std::numbers::pi / c.length};
  }
  double basis(double tau, List) const noexcept {
    const Cycle c = cycle_of(tau);
    const Cosine k = cosine_of(c);
    return k.k0 + k.k1 * std::cos(k.omega * (tau - c.start));
  }
};
struct Repeat {
  double period;
};
struct Scripted {
  std::uint32_t index;   // into Tree::scripted
  double length, level;  // named arguments: Tree::values[first, first + count)
};
}  // namespace params

// The rows. Closed forms: X(op, parameter struct, named parameters).
#define TEMPO_CLOSED_FORMS(X)                                       \
  X(constant, None, "")       /* the value is c0 */                 \
  X(linear, Linear, "")       /* c0 + c1·τ */                     \
  X(cosine, Cosine, "omega")  /* c0 + c1·cos(omega·τ) */         \
  X(exp, Exp, "rate")         /* c0 + c1·exp(rate·τ) */          \
  X(sqrt, Sqrt, "rate")       /* c0 + c1·sqrt(rate·τ) */         \
  X(poly, Poly, "rate power") /* c0 + c1·(1 − rate·τ)^power */ \
  X(power, Power, "base")     /* c1·base^τ */                     \
  X(staircase, Staircase, "gamma every")                            \
  X(multistep, Multistep, "gamma milestones")                       \
  X(inv_sqrt, InvSqrt, "scale")                                     \
  X(inv_time, InvTime, "scale rate staircase")                      \
  X(plateau, Plateau, "decisions")                                  \
  X(log, Log, "rate")                                               \
  X(cosine_power, CosinePower, "omega exponent")                    \
  X(noam, Noam, "rate")                                             \
  X(cyclic, Cyclic, "up down gamma mode")                           \
  X(sgdr, Sgdr, "period mult decay min max")
// Composites over children[first, first + count): X(op, arity (−1: any ≥ 1), side table).
#define TEMPO_COMPOSITES(X)                                                    \
  X(sequence, -1, "starts")  /* child i from starts[i] on, at local time */    \
  X(repeat, 1, "period")     /* the child at τ mod period */                  \
  X(sum, -1, "signs")        /* Σ sign_i·child_i */                          \
  X(product, -1, "multiply") /* ∏ child_i, dividing where multiply_i is 0 */ \
  X(pow, 2, "")              /* child_0 ^ child_1 */                           \
  X(min, -1, "")                                                               \
  X(max, -1, "")                                                               \
  X(clamp, 3, "")                                                              \
  X(fn_sqrt, 1, "")                                                            \
  X(fn_exp, 1, "")                                                             \
  X(fn_log, 1, "")                                                             \
  X(fn_cos, 1, "")                                                             \
  X(fn_sin, 1, "")                                                             \
  X(fn_tanh, 1, "")                                                            \
  X(fn_abs, 1, "")                                                             \
  X(fn_round, 1, "") /* half away from zero, as everywhere in Tempo */         \
  X(fn_floor, 1, "")                                                           \
  X(fn_ceil, 1, "")
// Leaves: X(op, named parameters).
#define TEMPO_LEAVES(X)                                             \
  X(step, "")                                 /* the global step */ \
  X(scripted, "index length level arguments") /* c0 + c1·scripted[index](…) */

#define TEMPO_OP_NAME(op, ...) op,
enum class Op : std::uint8_t {
  TEMPO_CLOSED_FORMS(TEMPO_OP_NAME) TEMPO_COMPOSITES(TEMPO_OP_NAME) TEMPO_LEAVES(TEMPO_OP_NAME)
};
#undef TEMPO_OP_NAME

// Node::params: the member named after the node's op is the one set (make.hpp sets it).
union Params {
  params::None none = {};
#define TEMPO_PARAMS_MEMBER(op, type, ...) params::type op;
  TEMPO_CLOSED_FORMS(TEMPO_PARAMS_MEMBER)
#undef TEMPO_PARAMS_MEMBER
  params::Repeat repeat;
  params::Scripted scripted;
};

enum class OpKind : std::uint8_t { closed_form, composite, leaf };

struct OpInfo {
  Op op;
  std::string_view name;
  OpKind kind;
  std::int8_t arity;            // children: −1 for any number ≥ 1
  std::string_view parameters;  // named parameters (or side table), space-separated
};

inline constexpr OpInfo op_table[] = {
#define TEMPO_CLOSED_ROW(op, type, names) {Op::op, #op, OpKind::closed_form, 0, names},
#define TEMPO_COMPOSITE_ROW(op, arity, names) {Op::op, #op, OpKind::composite, arity, names},
#define TEMPO_LEAF_ROW(op, names) {Op::op, #op, OpKind::leaf, 0, names},
    TEMPO_CLOSED_FORMS(TEMPO_CLOSED_ROW) TEMPO_COMPOSITES(TEMPO_COMPOSITE_ROW)
        TEMPO_LEAVES(TEMPO_LEAF_ROW)
#undef TEMPO_CLOSED_ROW
#undef TEMPO_COMPOSITE_ROW
#undef TEMPO_LEAF_ROW
};
inline constexpr std::size_t op_count = std::size(op_table);

constexpr const OpInfo& info(Op op) noexcept {
  return op_table[static_cast<std::size_t>(op)];
}
constexpr bool is_closed_form(Op op) noexcept {
  return info(op).kind == OpKind::closed_form;
}
constexpr bool is_composite(Op op) noexcept {
  return info(op).kind == OpKind::composite;
}

// `case Op::x:` for every op of a group, to list the ops a switch does not handle itself.
#define TEMPO_CASE_CLOSED(op, ...) case Op::op:
#define TEMPO_CASE_COMPOSITE(op, ...) case Op::op:
#define TEMPO_CASE_LEAF(op, ...) case Op::op:
// `case Op::fn_x:` for every function of one argument.
#define TEMPO_CASE_FUNCTIONS \
  case Op::fn_sqrt:          \
  case Op::fn_exp:           \
  case Op::fn_log:           \
  case Op::fn_cos:           \
  case Op::fn_sin:           \
  case Op::fn_tanh:          \
  case Op::fn_abs:           \
  case Op::fn_round:         \
  case Op::fn_floor:         \
  case Op::fn_ceil:

}  // namespace tempo::detail
