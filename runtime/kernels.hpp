// The kernels of the lowered form (tree.hpp): one small function per formula a segment can
// have, each computing exactly the doubles the tree walk computes for the steps of its segment,
// and the fill loop of each, in which the kernel is inlined (fill is bit-identical to
// pointwise evaluation because both call the same kernel on the same τ).
#pragma once

#include <cmath>

#include "tree.hpp"

namespace tempo::detail::kernels {

using Segment = Tree::Segment;

// How a closed form's kernel scales its basis b: c0 + c1·b in general; c1·b when c0 is +0 and
// c1 > 0, and b when c1 is 1 as well — the same doubles where b is never −0 (then c1·b is not
// −0 either, and +0 + x is x). Schedules written as factors (`warmup >> inv_sqrt(…)`) and
// decays to zero take the short forms.
enum class Scaling { full, scaled, unit };

template <Scaling scaling>
inline double scale(const Segment& s, double b) noexcept {
  if constexpr (scaling == Scaling::unit) return b;
  if constexpr (scaling == Scaling::scaled) return s.c1 * b;
  if constexpr (scaling == Scaling::full) return s.c0 + s.c1 * b;
}

// A closed form inside its phase: its basis at τ, its parameters copied into the segment.
#define TEMPO_CLOSED_KERNEL(op, ...)                                                 \
  template <Scaling scaling>                                                         \
  inline double closed_##op(const Tree& t, const Segment& s, double step) noexcept { \
    const Node& n = t.nodes[s.node];                                                 \
    return scale<scaling>(                                                           \
        s, s.params.op.basis(step - s.start, {t.values.data() + n.first, n.count})); \
  }
TEMPO_CLOSED_FORMS(TEMPO_CLOSED_KERNEL)
#undef TEMPO_CLOSED_KERNEL

// cyclic with its mode and symmetry fixed, so the kernel has no branch on either.
template <params::CyclicMode mode, bool symmetric, Scaling scaling>
inline double cyclic(const Tree&, const Segment& s, double step) noexcept {
  return scale<scaling>(s, s.params.cyclic.basis_as<mode, symmetric>(step - s.start));
}

// The three kinds the fill loop writes itself (fill.cpp); pointwise they are kernels too.
inline double constant(const Tree&, const Segment& s, double) noexcept {
  return s.c0;
}
inline double affine(const Tree&, const Segment& s, double step) noexcept {
  return s.c0 + s.c1 * (step - s.start);
}
inline double cosine(const Tree&, const Segment& s, double step) noexcept {
  return s.c0 + s.c1 * std::cos(s.a * (step - s.start));
}

// One SGDR cycle: c0 + c1·(k0 + k1·cos(a·(τ − inner))), its constants computed once.
inline double cycle(const Tree&, const Segment& s, double step) noexcept {
  return s.c0 + s.c1 * (s.k0 + s.k1 * std::cos(s.a * ((step - s.start) - s.inner)));
}

// A product of phases on a piece where its factors are linear: a·((b·A)·B), A = c0 + c1·τ and
// B = k0 + k1·(step − inner); the order of the tree's left-to-right product (B = 1 when there is
// one linear factor, a = b = 1 when there are no constants).
inline double product(const Tree&, const Segment& s, double step) noexcept {
  return s.a * ((s.b * (s.c0 + s.c1 * (step - s.start))) * (s.k0 + s.k1 * (step - s.inner)));
}
inline double product_one(const Tree&, const Segment& s, double step) noexcept {
  return s.a * (s.b * (s.c0 + s.c1 * (step - s.start)));
}

// a·(A·A): the product kernel with B = A and b = 1 (a square, scaled), the same doubles.
inline double square(const Tree&, const Segment& s, double step) noexcept {
  const double x = s.c0 + s.c1 * (step - s.start);
  return s.a * (x * x);
}
inline double square_one(const Tree&, const Segment& s, double step) noexcept {
  const double x = s.c0 + s.c1 * (step - s.start);
  return x * x;  // a = 1: 1·y is y
}

// What has no kernel (functions of phases, scripted phases): the tree walk of node `node`,
// over this segment's steps only.
inline double tree(const Tree& t, const Segment& s, double step) noexcept {
  return t.value(s.node, step - s.start, step);
}

// The index as a double: exact below 2^53, through the signed conversion x86-64 has in one
// instruction (an unsigned one takes several).
inline double index(std::size_t i) noexcept {
  return static_cast<double>(static_cast<std::int64_t>(i));
}

// Whether the steps first + i·stride are the indices i themselves, as doubles: from step 0 (±0 + i
// is i) by 1 (i·1 is i). Then the fill loops and the search for a run's end work on indices.
inline bool steps_are_indices(double first, double stride) noexcept {
  return first == 0.0 && stride == 1.0;
}

// f(i, step) for i in [i, end), step = first + i·stride as the caller forms it; with a stride of
// 1, i·1 is i, and from step 0, ±0 + i is i, so those operations are left out: the same doubles.
template <class F>
inline void for_steps(double first, double stride, std::size_t i, std::size_t end, F f) noexcept {
  if (steps_are_indices(first, stride)) {
    for (; i < end; ++i) f(i, index(i));
  } else if (stride == 1.0) {
    for (; i < end; ++i) f(i, first + index(i));
  } else {
    for (; i < end; ++i) f(i, first + index(i) * stride);
  }
}

template <Tree::Kernel kernel>
void fill(const Tree& t, const Segment& s, double first, double stride, std::size_t i,
          std::size_t end, double* out) noexcept {
  for_steps(first, stride, i, end,
            [&](std::size_t j, double step) { out[j] = kernel(t, s, step); });
}

// The kernel and fill loop of closed-form node `n`.
struct Pair {
  Tree::Kernel kernel;
  Tree::FillKernel fill;
};
template <Tree::Kernel kernel>
constexpr Pair pair() noexcept {
  return {kernel, fill<kernel>};
}
Pair closed(const Node& n) noexcept;

}  // namespace tempo::detail::kernels
