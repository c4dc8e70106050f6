// The resolved program: what `resolve` makes of the syntax tree, and what `plan`, `lower` and the
// canonical printer read. Every name is bound, every call matched to its registration row, every
// argument typed, range-checked and, when it is a constant, evaluated. Nodes are shared: a binding
// used twice is one node, so the resolved program grows linearly with the source.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "../runtime/tree.hpp"
#include "../stdlib/primitive.hpp"
#include "ast.hpp"

namespace tempo::ir {

// A duration as measured before layout (LANGUAGE.md §4).
struct Extent {
  enum Kind : std::uint8_t { none, fixed, elastic } kind = none;
  double steps = 0;
};

enum class Kind : std::uint8_t {
  constant,    // a number, pi or e, or a context value (`total`)
  variable,    // curve's p, t, len, level and step
  reference,   // a binding; `target` is its value
  phase,       // a call of a registration row, built-in or defined by the host
  function,    // min, max, clamp, sqrt, …: `op` over `items`
  arithmetic,  // negate, ^, + −, * /: `op` over `items`, with signs or flags in `aux`
  sequence,    // items[0] >> items[1] >> …
  list,        // [a, b, …], an argument only
  word,        // a bare choice name or a boolean, an argument only
  invalid,     // did not resolve; the error is reported
};

enum class Variable : std::uint8_t { p, t, len, level, step };

struct Node;

// One parameter of a call, as its row's kind reads it.
struct Argument {
  bool given = false;
  SourceSpan span;  // `name=value` or the value as written
  const Node* value = nullptr;
  double number = 0;         // number, level, count, boolean, duration and steps kinds
  std::string_view choice;   // choice kind
  std::vector<double> list;  // step_list kind
};

struct Node {
  Kind kind = Kind::invalid;
  const ast::Module* module = nullptr;
  ast::NodeId syntax = 0;
  // Set on every node that is a plain number: literals, names of constants, and arithmetic or
  // functions of constants, evaluated here with the runtime's own arithmetic.
  std::optional<double> value;
  Extent extent;
  std::size_t nesting = 0;  // bindings of schedules substituted inside one another to make it

  Variable variable{};
  detail::Op op{};
  std::vector<const Node*> items;
  std::vector<double> aux;
  const Node* target = nullptr;  // reference
  // phase: its row, its arguments by parameter, the points of interp, and the arguments in the
  // order they were written (for printing)
  const stdlib::Primitive* row = nullptr;
  std::vector<Argument> args;
  std::vector<std::array<double, 2>> points;
  std::vector<const Node*> written;

  const ast::Node& ast() const { return (*module)[syntax]; }
  SourceSpan span() const { return module->span(syntax); }
  std::string_view text() const {
    const ast::Node& n = ast();
    return std::string_view(module->file->text()).substr(n.begin, n.end - n.begin);
  }
  bool is_constant() const { return value.has_value(); }
};

// The resolver's nodes. Addresses are stable (nodes point at each other): each block is a vector
// filled only up to the capacity it was given, so it never moves. Blocks double from 16 nodes
// to 1024, so a long program allocates once per 1024 nodes, not once per two (std::deque's
// 512-byte blocks), and a short one once.
class NodeStore {
 public:
  Node& emplace_back() {
    if (blocks_.empty() || blocks_.back().size() == blocks_.back().capacity()) {
      const std::size_t size =
          blocks_.empty() ? 16 : std::min<std::size_t>(2 * blocks_.back().capacity(), 1024);
      blocks_.emplace_back().reserve(size);
    }
    return blocks_.back().emplace_back();
  }

 private:
  std::vector<std::vector<Node>> blocks_;
};

// Follows references to the node that holds the value.
inline const Node& resolved(const Node& node) {
  const Node* n = &node;
  while (n->kind == Kind::reference) n = n->target;
  return *n;
}

// The deepest substitution of bindings among `nodes` (null entries allowed).
inline std::size_t nesting_of(const std::vector<const Node*>& nodes) {
  std::size_t deepest = 0;
  for (const Node* node : nodes) deepest = std::max(deepest, node ? node->nesting : 0);
  return deepest;
}

}  // namespace tempo::ir
