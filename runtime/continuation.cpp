// tempo::continues: the two schedules cut into pieces (the top-level phases, then the hold after
// the end), walked side by side. Where two overlapping pieces are provably equal the steps are
// counted, not evaluated; elsewhere both schedules are evaluated at the same steps and the bits
// are compared.
#include "tempo/continuation.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "digest.hpp"
#include "schedule_access.hpp"

namespace tempo {
namespace {

// A stretch [lo, hi) of global steps on which one node answers (at τ = step − offset), or on
// which the schedule holds its end value (node == nullptr).
struct Piece {
  double lo = 0, hi = detail::forever;
  const detail::Node* node = nullptr;
  std::uint32_t id = 0;
  double offset = 0;
  double held = 0;
};

struct Plan {
  const detail::Tree& tree;
  std::vector<detail::NodeDigest> digests;
  std::vector<Piece> pieces;

  explicit Plan(const Schedule& s)
      : tree(detail::ScheduleAccess::tree(s)), digests(detail::digest_nodes(tree)) {
    const detail::Node& root = tree.nodes[tree.root];
    const double end = root.length;
    if (root.op == detail::Op::sequence) {
      for (std::uint32_t i = 0; i < root.count; ++i) {
        const double lo = tree.starts[root.first + i];
        const double next = i + 1 < root.count ? tree.starts[root.first + i + 1] : end;
        const std::uint32_t id = tree.children[root.first + i];
        if (lo < end) pieces.push_back({lo, std::min(next, end), &tree.nodes[id], id, lo, 0});
      }
    } else {
      pieces.push_back({0, end, &root, tree.root, 0, 0});
    }
    if (end < detail::forever) pieces.push_back({end, detail::forever, nullptr, 0, 0, root.end});
  }

  // The value the piece holds all through [lo, hi), if it provably holds one.
  bool constant_on(const Piece& p, double lo, double hi, double& value) const {
    if (!p.node) {
      value = p.held;
      return true;
    }
    if (!(lo - p.offset < p.node->length)) {  // the node holds its end value throughout
      value = p.node->end;
      return true;
    }
    if (p.node->op == detail::Op::constant && hi - p.offset <= p.node->length) {
      value = p.node->c0;
      return true;
    }
    return false;
  }
};

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Are the two pieces equal at every step of [lo, hi), by their structure alone?
bool provably_equal(const Plan& a, const Piece& pa, const Plan& b, const Piece& pb, double lo,
                    double hi) {
  double va = 0, vb = 0;
  if (a.constant_on(pa, lo, hi, va) && b.constant_on(pb, lo, hi, vb)) return same_bits(va, vb);
  if (!pa.node || !pb.node || !same_bits(pa.offset, pb.offset)) return false;
  const detail::NodeDigest& da = a.digests[pa.id];
  const detail::NodeDigest& db = b.digests[pb.id];
  if (da.scripted || db.scripted || da.body != db.body) return false;
  // The same node but for where it stops: equal wherever both still run.
  return da.full == db.full || hi - pa.offset <= std::min(pa.node->length, pb.node->length);
}

// The integer steps of [lo, hi).
double steps_in(double lo, double hi) {
  const double first = std::ceil(lo), end = std::ceil(hi);
  return end > first ? end - first : 0;
}

// Compares both schedules at the integer steps of [lo, hi), a chunk at a time.
bool compare_values(const Schedule& a, const Schedule& b, double lo, double hi, Continuation& out) {
  constexpr std::size_t chunk = 4096;
  std::array<double, chunk> va, vb;
  for (double first = std::ceil(lo); first < hi;) {
    const auto n = static_cast<std::size_t>(std::min<double>(chunk, std::ceil(hi) - first));
    // Pointwise, which Schedule guarantees bit-identical to fill: Tree::fill on this main can
    // loop forever over a phase that never ends (fixed on the perf branch; then use fill here).
    for (std::size_t k = 0; k < n; ++k) {
      va[k] = a(first + static_cast<double>(k));
      vb[k] = b(first + static_cast<double>(k));
    }
    if (std::memcmp(va.data(), vb.data(), n * sizeof(double)) != 0) {
      std::size_t i = 0;
      while (same_bits(va[i], vb[i])) ++i;
      out.continues = false;
      out.step = first + static_cast<double>(i);
      out.old_value = va[i];
      out.new_value = vb[i];
      out.compared += static_cast<double>(i + 1);
      return false;
    }
    out.compared += static_cast<double>(n);
    first += static_cast<double>(n);
  }
  return true;
}

}  // namespace

Continuation continues(const Schedule& old_plan, const Schedule& new_plan, double until) {
  Continuation out;
  const double limit = std::isnan(until) ? 0.0 : std::clamp(std::ceil(until), 0.0, 0x1p53);
  if (limit == 0) return out;
  const Plan a(old_plan), b(new_plan);
  std::size_t i = 0, j = 0;
  double at = 0;
  while (at < limit && i < a.pieces.size() && j < b.pieces.size()) {
    const Piece& pa = a.pieces[i];
    const Piece& pb = b.pieces[j];
    const double hi = std::min({pa.hi, pb.hi, limit});
    if (hi > at) {
      if (provably_equal(a, pa, b, pb, at, hi)) {
        out.proven += steps_in(at, hi);
      } else if (!compare_values(old_plan, new_plan, at, hi, out)) {
        return out;
      }
      at = hi;
    }
    if (pa.hi <= at) ++i;
    if (pb.hi <= at) ++j;
  }
  return out;
}

}  // namespace tempo
