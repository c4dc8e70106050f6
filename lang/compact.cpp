// Dropping the nodes nothing reaches: folding copies what it scales and lowering builds end
// values on the side, so the finished tree is compacted once, keeping shared nodes shared.
#include <limits>
#include <vector>

#include "lower.hpp"

namespace tempo {
namespace {

// The nodes whose first/count select children (the others use them for `values`, or not at all).
bool has_children(detail::Op op) {
  return op >= detail::Op::sequence && op != detail::Op::step && op != detail::Op::scripted;
}

struct Compactor {
  const detail::Tree& from;
  detail::Tree& to;
  // from's node id → its copy in `to`, `none` until copied.
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> moved = std::vector<std::uint32_t>(from.nodes.size(), none);

  std::uint32_t copy(std::uint32_t id) {
    if (moved[id] != none) return moved[id];
    detail::Node node = from.nodes[id];
    std::uint32_t copied = 0;
    if (has_children(node.op)) {
      std::vector<std::uint32_t> kids;
      std::vector<double> aux;
      for (std::uint32_t i = 0; i < node.count; ++i) {
        kids.push_back(copy(from.children[node.first + i]));
        aux.push_back(from.starts[node.first + i]);
      }
      copied = to.add(node, kids, aux);
    } else {
      copied = to.add(node);
    }
    moved[id] = copied;
    return copied;
  }
};

}  // namespace

void compact(detail::Tree& tree) {
  detail::Tree out;
  out.values = std::move(tree.values);
  out.scripted = std::move(tree.scripted);
  out.nodes.reserve(tree.nodes.size());  // at most what there is
  out.children.reserve(tree.children.size());
  out.starts.reserve(tree.starts.size());
  Compactor compactor{tree, out};
  const std::uint32_t root = compactor.copy(tree.root);
  tree.nodes = std::move(out.nodes);
  tree.children = std::move(out.children);
  tree.starts = std::move(out.starts);
  tree.values = std::move(out.values);
  tree.scripted = std::move(out.scripted);
  tree.root = root;
}

}  // namespace tempo
