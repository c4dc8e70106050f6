// kernels::closed: the kernel of each closed form, generated from the operation table.
#include "kernels.hpp"

namespace tempo::detail::kernels {

Pair closed(Op op) noexcept {
  switch (op) {
#define TEMPO_CLOSED_PAIR(op, ...) \
  case Op::op:                     \
    return {closed_##op, fill<closed_##op>};
    TEMPO_CLOSED_FORMS(TEMPO_CLOSED_PAIR)
#undef TEMPO_CLOSED_PAIR
    TEMPO_COMPOSITES(TEMPO_CASE_COMPOSITE)
    TEMPO_LEAVES(TEMPO_CASE_LEAF)
    break;  // not closed forms: lowered to other kernels
  }
  return {tree, fill<tree>};
}

}  // namespace tempo::detail::kernels
