// The evaluation tree behind tempo::Schedule: plain data (a flat node table plus side tables),
// built by the compiler and read by `evaluate`. Nothing here knows about source text, so a tree
// can be printed, compared, copied and benchmarked without the parser.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "ops.hpp"
#include "tempo/schedule.hpp"
#include "tempo/scripted.hpp"

namespace tempo::detail {

inline constexpr double forever = std::numeric_limits<double>::infinity();

// A node holds its end value from `length` on: this is how every phase holds after it ends.
struct Node {
  Op op = Op::constant;
  std::uint32_t first = 0;
  std::uint32_t count = 0;
  double length = forever;
  double end = 0;
  double c0 = 0, c1 = 1;
  Params params;  // the member named after `op` (ops.hpp); make.hpp sets it
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;  // composite nodes' children
  std::vector<double> starts;           // parallel to children: phase starts, signs, or flags
  std::vector<double> values;           // lists: multistep milestones, scripted phases' arguments
  std::vector<std::shared_ptr<const ScriptedPhase>> scripted;  // host-defined phases
  std::uint32_t root = 0;

  std::vector<PhaseRow> phases;  // metadata for explain; not used by evaluation
  std::string source;
  double total = std::numeric_limits<double>::quiet_NaN();

  std::uint32_t add(const Node& node) {
    nodes.push_back(node);
    return static_cast<std::uint32_t>(nodes.size() - 1);
  }
  // A composite node over `kids`, with `aux` (starts, signs or flags) beside them.
  std::uint32_t add(Node node, const std::vector<std::uint32_t>& kids,
                    const std::vector<double>& aux) {
    node.first = static_cast<std::uint32_t>(children.size());
    node.count = static_cast<std::uint32_t>(kids.size());
    children.insert(children.end(), kids.begin(), kids.end());
    starts.insert(starts.end(), aux.begin(), aux.end());
    starts.resize(children.size(), 0.0);
    return add(node);
  }

  // The fast path for the common shape: a top-level sequence of closed-form phases (or one such
  // phase) becomes at most eight segments kept inline, the hold after the end being the last
  // one. Evaluation walks the starts with unrolled compares, as a hand-written if-chain would,
  // and answers a constant or a linear segment on the spot; other kinds go to their node through
  // closed_form, exactly as the tree would. Without a fast path, segment 0 sends every step to
  // the tree. `finalize` builds them.
  enum class Kind : std::uint8_t {
    constant,  // c0
    affine,    // c0 + c1·τ, where the layout proves τ stays inside the phase
    cosine,    // c0 + c1·cos(a·τ), likewise
    phase,     // closed_form(nodes[node], τ)
    tree,      // value(root, τ, τ)
  };
  struct Segment {
    Kind kind = Kind::tree;
    std::uint32_t node = 0;
    double c0 = 0, c1 = 0, a = 0;
    double start = 0;  // a copy of segment_starts[k], so the if-chain compares from memory
  };
  static constexpr std::uint32_t max_segments = 8;
  double segment_starts[max_segments] = {};  // [0] is 0; sorted; unused ones are +∞
  Segment segments[max_segments];
  void finalize() noexcept;
  double value_segments(double step) const noexcept;
  double value_segment_slow(std::uint32_t k, double tau) const noexcept;
  template <std::uint32_t k>
  double value_from_segment(double step) const noexcept;

  // The value of node `id` at local time `tau` ≥ 0 and global step `step`.
  double value(std::uint32_t id, double tau, double step) const noexcept;
  // Writes node `id` at tau0, tau0 + stride, ... (global step = tau + offset) into out[0, n).
  void fill(std::uint32_t id, double tau0, double stride, double offset, double* out,
            std::size_t n) const noexcept;
};

}  // namespace tempo::detail
