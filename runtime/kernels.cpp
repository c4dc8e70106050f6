// kernels::closed: the kernel of each closed form, generated from the operation table, in the
// shortest scaling its constants allow.
#include "kernels.hpp"

#include <bit>

namespace tempo::detail::kernels {
namespace {

template <Tree::Kernel full, Tree::Kernel scaled, Tree::Kernel unit, class P>
Pair scaled_pair(const Node& n, const P&) noexcept {
  if constexpr (requires { P::no_negative_zero; }) {
    if (std::bit_cast<std::uint64_t>(n.c0) == 0 && n.c1 > 0.0) {
      return n.c1 == 1.0 ? pair<unit>() : pair<scaled>();
    }
  }
  return pair<full>();
}

template <params::CyclicMode mode, bool symmetric>
Pair cyclic_pair(const Node& n) noexcept {
  return scaled_pair<cyclic<mode, symmetric, Scaling::full>,
                     cyclic<mode, symmetric, Scaling::scaled>,
                     cyclic<mode, symmetric, Scaling::unit>>(n, n.params.cyclic);
}

template <bool symmetric>
Pair cyclic_pair(const Node& n) noexcept {
  switch (n.params.cyclic.mode) {
    case params::CyclicMode::triangular:
      return cyclic_pair<params::CyclicMode::triangular, symmetric>(n);
    case params::CyclicMode::triangular2:
      return cyclic_pair<params::CyclicMode::triangular2, symmetric>(n);
    case params::CyclicMode::exp_range:
      return cyclic_pair<params::CyclicMode::exp_range, symmetric>(n);
  }
  return pair<tree>();
}

}  // namespace

Pair closed(const Node& n) noexcept {
  if (n.op == Op::cyclic) {
    const auto& p = n.params.cyclic;
    return p.up == p.down ? cyclic_pair<true>(n) : cyclic_pair<false>(n);
  }
  switch (n.op) {
#define TEMPO_CLOSED_PAIR(op, ...)                                               \
  case Op::op:                                                                   \
    return scaled_pair<closed_##op<Scaling::full>, closed_##op<Scaling::scaled>, \
                       closed_##op<Scaling::unit>>(n, n.params.op);
    TEMPO_CLOSED_FORMS(TEMPO_CLOSED_PAIR)
#undef TEMPO_CLOSED_PAIR
    TEMPO_COMPOSITES(TEMPO_CASE_COMPOSITE)
    TEMPO_LEAVES(TEMPO_CASE_LEAF)
    break;  // not closed forms: lowered to other kernels
  }
  return pair<tree>();
}

}  // namespace tempo::detail::kernels
