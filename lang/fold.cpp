// Constant folding across phases: `1.5e-4 * (warmup(2000) >> cosine())` becomes one sequence of
// closed-form phases with 1.5e-4 folded into each phase's c0 and c1, so evaluation pays nothing
// for the arithmetic around a schedule.
#include "compiler.hpp"

namespace tempo::compiler {
namespace {

bool affine(const detail::Tree& tree, std::uint32_t id) {
  const detail::Node& n = tree.nodes[id];
  if (n.op <= detail::Op::sgdr || n.op == detail::Op::scripted) return true;
  if (n.op != detail::Op::sequence && n.op != detail::Op::repeat) return false;
  for (std::uint32_t i = 0; i < n.count; ++i) {
    if (!affine(tree, tree.children[n.first + i])) return false;
  }
  return true;
}

void scale(detail::Tree& tree, std::uint32_t id, double k, double offset) {
  detail::Node& n = tree.nodes[id];
  n.end = k * n.end + offset;
  if (n.op == detail::Op::sequence || n.op == detail::Op::repeat) {
    for (std::uint32_t i = 0; i < n.count; ++i) scale(tree, tree.children[n.first + i], k, offset);
    return;
  }
  n.c0 = k * n.c0 + offset;
  n.c1 *= k;
}

}  // namespace

bool is_plain_constant(const detail::Tree& tree, std::uint32_t id) {
  const detail::Node& n = tree.nodes[id];
  return n.op == detail::Op::constant && n.length == detail::forever;
}

bool fold_affine(detail::Tree& tree, std::uint32_t id, double k, double offset) {
  if (!affine(tree, id)) return false;
  scale(tree, id, k, offset);
  return true;
}

}  // namespace tempo::compiler
