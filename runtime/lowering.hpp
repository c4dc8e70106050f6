// The lowering of a finished tree into its sorted table of segments (tree.hpp). Every segment
// computes exactly the doubles the tree walk computes for the steps it covers, so the lowered
// form and the tree agree bit for bit: a segment boundary is the first double at which the
// tree's own test (a phase start, a hold, a milestone, a stair, a cycle, a min's operands
// crossing) turns, found by stepping ulp by ulp from the exact guess; each constant is the
// tree's value at a step inside.
//
// lower.cpp walks the tree (holds, sequences, repeats, closed forms); lower_runs.cpp turns
// piecewise-constant and cyclic closed forms into runs; lower_arithmetic.cpp folds the
// arithmetic of phases piece by piece.
#pragma once

#include <cmath>
#include <optional>
#include <vector>

#include "kernels.hpp"

namespace tempo::detail {

// A phase never splits into more runs than this, nor the whole schedule into more segments
// than max_total: past them a phase keeps its closed form (its search then happens per step).
inline constexpr std::size_t max_runs = 4096, max_total = 1 << 16;
// Nodes nested deeper than this are walked as trees: the lowering recurses with the tree, and
// the language allows 256 levels (<tempo/limits.hpp>), more than a thread's stack holds of its
// frames under a sanitizer. No schedule a person writes nests its arithmetic this deep.
inline constexpr int max_depth = 32;

// An integer below 2^52: steps minus such starts are exact.
inline bool integral(double x) {
  return x >= 0 && x < 0x1p52 && x == std::floor(x);
}

// The first double ≥ 0 at which the monotone test `turned` holds, near `guess`; nullopt when a
// few hundred ulps do not settle it (the guess was far off: the caller keeps the closed form).
template <class Test>
std::optional<double> first_turn(const Test& turned, double guess) {
  if (!std::isfinite(guess)) return std::nullopt;
  double b = std::max(guess, 0.0);
  for (int k = 0; k < 256 && !turned(b); ++k) b = std::nextafter(b, forever);
  for (int k = 0; k < 256 && b > 0 && turned(std::nextafter(b, -forever)); ++k) {
    b = std::nextafter(b, -forever);
  }
  if (!turned(b) || (b > 0 && turned(std::nextafter(b, -forever)))) return std::nullopt;
  return b;
}

class Lowering {
 public:
  using Segment = Tree::Segment;
  using Kind = Tree::Kind;

  Lowering(const Tree& tree, std::size_t& budget, int depth = 0)
      : t_(tree), budget_(budget), depth_(depth) {}
  std::vector<Segment> segments;

  // Segments for node `id`, whose local time is τ = step − origin (bit for bit the τ the tree
  // walk gives it), over the global steps [origin, to). False when it cannot be laid out so
  // (a child's τ would not be exact): the caller then walks the tree for the whole node.
  bool node(std::uint32_t id, double origin, double to);
  void push(const Segment& s);

  static Segment constant(std::uint32_t id, double value, double from) {
    return {Kind::constant, id, value, 0.0, 0.0, from, from};
  }
  static Segment tree_walk(std::uint32_t id, double origin, double from);

 private:
  const Tree& t_;
  std::size_t& budget_;  // segments the whole schedule may still add
  int depth_;            // nodes being laid out around this one

  bool body(std::uint32_t id, double origin, double to);
  bool sequence(std::uint32_t id, double origin, double to);
  bool repeat(std::uint32_t id, double origin, double to);
  void closed(std::uint32_t id, double origin, double to);
  // lower_runs.cpp
  template <class Guess, class Turned>
  bool runs(std::uint32_t id, double start, double end, double count, const Guess& guess,
            const Turned& turned);
  bool multistep_runs(std::uint32_t id, double start, double end);
  bool staircase_runs(std::uint32_t id, double start, double end);
  bool plateau_runs(std::uint32_t id, double start, double end);
  bool cycles(std::uint32_t id, double start, double end);
  // lower_arithmetic.cpp
  void arithmetic(std::uint32_t id, double origin, double to);
};

}  // namespace tempo::detail
