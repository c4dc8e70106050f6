// Evaluation of the lowered form (tree.hpp, lower.cpp): Schedule::operator() and fill. Each
// kernel computes the same doubles as the tree walk for the steps of its segment.
#include <algorithm>
#include <cmath>

#include "closed_form.hpp"

namespace tempo::detail {
namespace {

using Segment = Tree::Segment;
using Kind = Tree::Kind;

// c0 + c1·cos(x), out of line: the if-chain then needs no stack frame and reaches it by a jump.
[[gnu::noinline]] double scaled_cosine(double c0, double c1, double x) noexcept {
  return c0 + c1 * std::cos(x);
}

inline double cycle_value(const Segment& s, double tau) noexcept {
  return s.c0 + s.c1 * (s.k0 + s.k1 * std::cos(s.a * (tau - s.inner)));
}

// A closed form without a kernel of its own: out of line and small, so that reaching it costs a
// call rather than the frame of the general path.
[[gnu::noinline]] double value_closed(const Tree& t, const Segment& segment, double tau) noexcept {
  return closed_form(t, t.nodes[segment.node], tau);
}

}  // namespace

double Tree::value_segment_slow(const Segment& segment, double step) const noexcept {
  if (!(step >= 0.0)) {  // before training starts: the value at step 0; NaN stays NaN
    return std::isnan(step) ? step : value_segments(0.0);
  }
  const double tau = step - segment.start;
  switch (segment.kind) {
    case Kind::constant:
      return segment.c0;
    case Kind::affine:
      return segment.c0 + segment.c1 * tau;
    case Kind::cosine:
      return scaled_cosine(segment.c0, segment.c1, segment.a * tau);
    case Kind::cycle:
      return cycle_value(segment, tau);
    case Kind::closed:
      return closed_form(*this, nodes[segment.node], tau);
    case Kind::tree:
      return value(segment.node, tau, step);
    case Kind::table:
      return value_table(step);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// The segment holding `step` by a branch-free binary search over the padded starts: the same
// log2(n) compares and conditional moves for every step, nothing for the predictor to miss.
double Tree::value_table(double step) const noexcept {
  const double* base = table_starts.data();
  for (std::uint32_t k = search_steps; k > 0; --k) {
    const std::size_t half = std::size_t{1} << (k - 1);
    base = base[half] <= step ? base + half : base;
  }
  const Segment& segment = table[static_cast<std::size_t>(base - table_starts.data())];
  if (!(step >= 0.0)) [[unlikely]]
    return value_segment_slow(segment, step);
  if (segment.kind == Kind::constant) return segment.c0;
  const double tau = step - segment.start;
  if (segment.kind == Kind::affine) return segment.c0 + segment.c1 * tau;
  if (segment.kind == Kind::cosine) return scaled_cosine(segment.c0, segment.c1, segment.a * tau);
  if (segment.kind == Kind::closed) return value_closed(*this, segment, tau);
  return value_segment_slow(segment, step);
}

// The segment holding `step`, found from segment k on by an if-chain over fixed offsets, as a
// hand-written function would compare; a constant or linear segment answers on the spot.
template <std::uint32_t k>
inline double Tree::value_from_segment(double step) const noexcept {
  if constexpr (k + 1 < max_inline) {
    if (segment_starts[k + 1] <= step) return value_from_segment<k + 1>(step);
  }
  const Segment& segment = segments[k];
  if constexpr (k == 0) {
    if (segment.kind == Kind::table) return value_table(step);  // more than eight segments
    if (!(step >= 0.0)) [[unlikely]]
      return value_segment_slow(segment, step);  // negative or NaN
  }
  if (segment.kind == Kind::constant) return segment.c0;
  const double tau = step - segment.start;
  if (segment.kind == Kind::affine) return segment.c0 + segment.c1 * tau;
  if (segment.kind == Kind::cosine) return scaled_cosine(segment.c0, segment.c1, segment.a * tau);
  if (segment.kind == Kind::closed) return value_closed(*this, segment, tau);
  return value_segment_slow(segment, step);
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
