// kernels::closed: the kernel of each closed form, generated from the operation table.
#include "kernels.hpp"

namespace tempo::detail::kernels {

namespace {

template <bool symmetric>
Pair cyclic_pair(params::CyclicMode mode) noexcept {
  switch (mode) {
    case params::CyclicMode::triangular:
      return pair<cyclic<params::CyclicMode::triangular, symmetric>>();
    case params::CyclicMode::triangular2:
      return pair<cyclic<params::CyclicMode::triangular2, symmetric>>();
    case params::CyclicMode::exp_range:
      return pair<cyclic<params::CyclicMode::exp_range, symmetric>>();
  }
  return pair<closed_cyclic>();
}

}  // namespace

Pair closed(const Node& n) noexcept {
  if (n.op == Op::cyclic) {
    const auto& p = n.params.cyclic;
    return p.up == p.down ? cyclic_pair<true>(p.mode) : cyclic_pair<false>(p.mode);
  }
  switch (n.op) {
#define TEMPO_CLOSED_PAIR(op, ...) \
  case Op::op:                     \
    return pair<closed_##op>();
    TEMPO_CLOSED_FORMS(TEMPO_CLOSED_PAIR)
#undef TEMPO_CLOSED_PAIR
    TEMPO_COMPOSITES(TEMPO_CASE_COMPOSITE)
    TEMPO_LEAVES(TEMPO_CASE_LEAF)
    break;  // not closed forms: lowered to other kernels
  }
  return pair<tree>();
}

}  // namespace tempo::detail::kernels
