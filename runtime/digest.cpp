// The node digests of digest.hpp, computed once per node in a depth-first walk from the root.
#include "digest.hpp"

#include <array>
#include <bit>
#include <cmath>

namespace tempo::detail {

void Fnv1a::f64(double v) noexcept {
  u64(std::isnan(v) ? 0x7ff8000000000000ull : std::bit_cast<std::uint64_t>(v));
}

namespace {

// Which side table a node's first/count select (evaluate.cpp reads them the same way).
enum class Table { none, children, values };

Table table_of(Op op) {
  if (op == Op::multistep || op == Op::plateau || op == Op::scripted) return Table::values;
  if (op >= Op::sequence && op != Op::step) return Table::children;
  return Table::none;
}

// A parameter struct's fields, in the order ops.hpp declares them: the documented `a b c d e`
// of the byte layout (zeros for the unused). One overload per struct, so that a closed form
// added to ops.hpp without its fields here does not compile (parameters() calls them all).
using Fields = std::array<double, 5>;
Fields fields(const params::None&) {
  return {};
}
Fields fields(const params::Linear&) {
  return {};
}
Fields fields(const params::Cosine& p) {
  return {p.omega};
}
Fields fields(const params::Exp& p) {
  return {p.rate};
}
Fields fields(const params::Sqrt& p) {
  return {p.rate};
}
Fields fields(const params::Poly& p) {
  return {p.rate, p.power};
}
Fields fields(const params::Power& p) {
  return {p.base};
}
Fields fields(const params::Staircase& p) {
  return {p.gamma, p.every};
}
Fields fields(const params::Multistep& p) {
  return {p.gamma};
}
Fields fields(const params::InvSqrt& p) {
  return {p.scale};
}
Fields fields(const params::InvTime& p) {
  return {p.scale, p.rate, p.staircase};
}
Fields fields(const params::Plateau&) {
  return {};
}  // its decided steps and levels: a list
Fields fields(const params::Log& p) {
  return {p.rate};
}
Fields fields(const params::CosinePower& p) {
  return {p.omega, p.exponent};
}
Fields fields(const params::Noam& p) {
  return {p.rate};
}
Fields fields(const params::Cyclic& p) {
  return {p.up, p.down, p.gamma, static_cast<double>(p.mode)};
}
Fields fields(const params::Sgdr& p) {
  return {p.period, p.mult, p.decay, p.min, p.max};
}
Fields fields(const params::Repeat& p) {
  return {p.period};
}
Fields fields(const params::Scripted& p) {
  return {static_cast<double>(p.index), p.length, p.level};
}

Fields parameters(const Node& n) {
  const Params& p = n.params;
  if (n.op == Op::repeat) return fields(p.repeat);
  if (n.op == Op::scripted) return fields(p.scripted);
  switch (n.op) {
#define TEMPO_DIGEST_CLOSED(op, ...) \
  case Op::op:                       \
    return fields(p.op);
    TEMPO_CLOSED_FORMS(TEMPO_DIGEST_CLOSED)
#undef TEMPO_DIGEST_CLOSED
    TEMPO_COMPOSITES(TEMPO_CASE_COMPOSITE)
    TEMPO_LEAVES(TEMPO_CASE_LEAF)
    return {};  // their parameters are their side tables and children, hashed by the walk
  }
  return {};
}

struct Walk {
  const Tree& tree;
  std::vector<NodeDigest> out;
  std::vector<bool> done;

  const NodeDigest& visit(std::uint32_t id) {
    if (done[id]) return out[id];
    const Node& n = tree.nodes[id];
    NodeDigest d;
    Fnv1a body;
    body.text(info(n.op).name);  // by name: adding a row to ops.hpp leaves the others' digests
    body.f64(n.c0);
    body.f64(n.c1);
    for (double x : parameters(n)) body.f64(x);
    body.u32(n.count);
    switch (table_of(n.op)) {
      case Table::children:
        for (std::uint32_t i = 0; i < n.count; ++i) {
          const NodeDigest& kid = visit(tree.children[n.first + i]);
          body.u64(kid.full);
          body.f64(tree.starts[n.first + i]);
          d.scripted = d.scripted || kid.scripted;
        }
        break;
      case Table::values:
        for (std::uint32_t i = 0; i < n.count; ++i) body.f64(tree.values[n.first + i]);
        break;
      case Table::none:
        break;
    }
    if (n.op == Op::scripted) d.scripted = true;
    d.body = body.value();
    Fnv1a full;
    full.u64(d.body);
    full.f64(n.length);
    full.f64(n.end);
    d.full = full.value();
    out[id] = d;
    done[id] = true;
    return out[id];
  }
};

}  // namespace

std::vector<NodeDigest> digest_nodes(const Tree& tree) {
  Walk walk{tree, std::vector<NodeDigest>(tree.nodes.size()),
            std::vector<bool>(tree.nodes.size(), false)};
  if (!tree.nodes.empty()) walk.visit(tree.root);
  return std::move(walk.out);
}

}  // namespace tempo::detail
