// The value of a closed-form node, shared by the tree walk, the lowered segments and fill, so
// that every path computes the same doubles (fill is bit-identical to pointwise evaluation).
#pragma once

#include <limits>

#include "tree.hpp"

namespace tempo::detail {

// basis(τ) of a closed-form phase: its parameter struct's formula (ops.hpp).
inline double basis(const Tree& t, const Node& n, double tau) noexcept {
  const params::List list{t.values.data() + n.first, n.count};
  switch (n.op) {
#define TEMPO_BASIS(op, ...) \
  case Op::op:               \
    return n.params.op.basis(tau, list);
    TEMPO_CLOSED_FORMS(TEMPO_BASIS)
#undef TEMPO_BASIS
    TEMPO_COMPOSITES(TEMPO_CASE_COMPOSITE)
    TEMPO_LEAVES(TEMPO_CASE_LEAF)
    break;  // not closed forms: closed_form is never called on them
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// c0 + c1·basis(τ) inside the phase, without the hold.
inline double closed_form_inside(const Tree& t, const Node& n, double tau) noexcept {
  // A zero amplitude leaves c0 even where the basis overflows (0·∞ would be NaN).
  if (n.op == Op::constant || n.c1 == 0.0) return n.c0;
  return n.c0 + n.c1 * basis(t, n, tau);
}

// A closed-form phase at local time τ, holding its end value from its length on; a phase that
// never ends is evaluated even at τ = +∞.
inline double closed_form(const Tree& t, const Node& n, double tau) noexcept {
  if (!(tau < n.length) && n.length != forever) return n.end;
  return closed_form_inside(t, n, tau);
}

}  // namespace tempo::detail
