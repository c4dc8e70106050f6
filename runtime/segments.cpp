// Evaluation of the lowered form (tree.hpp, lower.cpp): Schedule::operator(). The if-chain
// jumps to the segment's kernel (kernels.hpp); after the search, constant, linear and cosine
// segments answer on the spot and the others call their kernel.
#include <cmath>

#include "kernels.hpp"

namespace tempo::detail {
namespace {

using Segment = Tree::Segment;
using Kind = Tree::Kind;

// c0 + c1·cos(x), out of line: the if-chain then needs no stack frame and reaches it by a jump.
[[gnu::noinline]] double scaled_cosine(double c0, double c1, double x) noexcept {
  return c0 + c1 * std::cos(x);
}

// A segment's value at `step` ≥ 0, found by the search: the common kinds are tested by
// conditional branches, which the predictor learns as it learns a hand-written function's; the
// rest jump to their kernel. (An indirect jump straight after the branch-free search has no
// branch history to be predicted from, and costs twice the time on sequences whose phases come
// in no order.)
inline double value_searched(const Tree& t, const Segment& segment, double step) noexcept {
  if (segment.kind == Kind::constant) return segment.c0;
  const double tau = step - segment.start;
  if (segment.kind == Kind::affine) return segment.c0 + segment.c1 * tau;
  if (segment.kind == Kind::cosine) return scaled_cosine(segment.c0, segment.c1, segment.a * tau);
  return segment.kernel(t, segment, step);
}

// The same, found by the if-chain: its branches are the history the indirect jump is predicted
// from, so the kernel is reached by one jump with nothing tested first.
inline double value_chained(const Tree& t, const Segment& segment, double step) noexcept {
  return segment.kernel(t, segment, step);
}

}  // namespace

// Before training starts (a negative step): the value at step 0; a NaN step stays NaN. Out of
// line, so the search it is called from keeps its short path.
[[gnu::noinline]] double Tree::value_before_start(double step) const noexcept {
  return std::isnan(step) ? step : value_segments(0.0);
}

// The segment holding `step` by a branch-free binary search over the padded starts: the same
// compares and conditional moves for every step, nothing for the predictor to miss. Over the
// window of the step's bucket (buckets.cpp): one or two steps for evenly spread starts, at any
// length; over the whole table (log2(n) steps) for the steps no bucket holds.
double Tree::value_table(double step) const noexcept {
  const double* base = table_starts.data();
  std::uint32_t steps = search_steps;
  if (const double at = bucket_of(step); at >= 0.0 && at < bucket_count) [[likely]] {
    base += bucket_first[static_cast<std::size_t>(at)];
    steps = bucket_steps;
  }
  for (std::uint32_t k = steps; k > 0; --k) {
    const std::size_t half = std::size_t{1} << (k - 1);
    base = base[half] <= step ? base + half : base;
  }
  const Segment& segment = table[static_cast<std::size_t>(base - table_starts.data())];
  if (!(step >= 0.0)) [[unlikely]]
    return value_before_start(step);
  return value_searched(*this, segment, step);
}

// The segment holding `step`, found from segment k on by an if-chain over fixed offsets, as a
// hand-written function would compare.
template <std::uint32_t k>
inline double Tree::value_from_segment(double step) const noexcept {
  if constexpr (k + 1 < max_inline) {
    if (segment_starts[k + 1] <= step) return value_from_segment<k + 1>(step);
  }
  const Segment& segment = segments[k];
  if constexpr (k == 0) {
    // Every finite step fails this test when there are more than eight segments
    // (segment_starts[0] is then +∞), and so do negative and NaN steps: the search handles all.
    if (!(step >= segment_starts[0])) return value_table(step);
  }
  return value_chained(*this, segment, step);
}

// Inline: only Schedule::operator() below calls it, and the call is the cost being saved.
inline double Tree::value_segments(double step) const noexcept {
  return value_from_segment<0>(step);
}

}  // namespace tempo::detail

namespace tempo {

// The hot path lives here, beside the code it calls, so a call costs one out-of-line jump.
double Schedule::operator()(double step) const noexcept {
  return tree_->value_segments(step);
}

}  // namespace tempo
