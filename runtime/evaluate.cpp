// Evaluation of the tree: value(node, τ) and fill. Closed-form phases share one `basis` function,
// used by both paths, so that `fill` is bit-identical to pointwise evaluation.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "tree.hpp"

namespace tempo::detail {
namespace {

// The cycle of SGDR (Loshchilov & Hutter 2017; PyTorch CosineAnnealingWarmRestarts) holding τ,
// with cycle i lasting period·mult^i. The logarithm gives a first guess; the loops make the
// boundaries exact where the logarithm rounds the wrong way.
double sgdr_basis(const Node& n, double tau) noexcept {
  const double period = n.a, mult = n.b, decay = n.c, lo = n.d, hi = n.e;
  double cycle = 0, start = 0, length = period;
  if (mult == 1.0) {
    cycle = std::floor(tau / period);
    start = cycle * period;
  } else {
    cycle = std::floor(std::log1p(tau * (mult - 1.0) / period) / std::log(mult));
    auto start_of = [&](double i) { return period * (std::pow(mult, i) - 1.0) / (mult - 1.0); };
    start = start_of(cycle);
    while (cycle > 0 && start > tau) start = start_of(--cycle);
    while (start_of(cycle + 1) <= tau) start = start_of(++cycle);
    length = period * std::pow(mult, cycle);
  }
  const double top = hi * std::pow(decay, cycle);
  return lo + (top - lo) * (1.0 + std::cos(std::numbers::pi * (tau - start) / length)) / 2.0;
}

// Cyclical learning rates (Smith 2017; PyTorch CyclicLR): a triangle wave of half-period `a`.
double cyclic_basis(const Node& n, double tau) noexcept {
  const double half = n.a;
  const double cycle = std::floor(tau / (2.0 * half));
  const double x = std::fabs(tau / half - 2.0 * cycle - 1.0);
  double scale = 1.0;
  if (n.b == 1.0) scale = 1.0 / std::exp2(cycle);  // triangular2
  if (n.b == 2.0) scale = std::pow(n.c, tau);      // exp_range
  return std::max(0.0, 1.0 - x) * scale;
}

double multistep_basis(const Tree& t, const Node& n, double tau) noexcept {
  const double* first = t.values.data() + n.first;
  const auto passed = std::upper_bound(first, first + n.count, tau) - first;
  return std::pow(n.a, static_cast<double>(passed));
}

// basis(τ) of a closed-form phase; see Op.
inline double basis(const Tree& t, const Node& n, double tau) noexcept {
  switch (n.op) {
    case Op::linear:
      return tau;
    case Op::cosine:
      return std::cos(n.a * tau);
    case Op::exp:
      return std::exp(n.a * tau);
    case Op::sqrt:
      return std::sqrt(n.a * tau);
    case Op::poly:
      return std::pow(std::max(0.0, 1.0 - n.a * tau), n.b);
    case Op::power:
      return std::pow(n.a, tau);
    case Op::staircase:
      return std::pow(n.a, std::floor(tau / n.b));
    case Op::multistep:
      return multistep_basis(t, n, tau);
    case Op::inv_sqrt:
      return std::sqrt(n.a / (n.a + tau));
    case Op::noam: {
      const double s = std::max(tau, 1.0);
      return std::min(std::pow(s, -0.5), s * n.a);
    }
    case Op::cyclic:
      return cyclic_basis(n, tau);
    case Op::sgdr:
      return sgdr_basis(n, tau);
    default:
      return 0.0;
  }
}

inline bool is_closed_form(Op op) noexcept {
  return op <= Op::sgdr;
}

// A closed-form phase at local time τ, holding its end value from its length on. Every path
// (value, value_segments, fill) goes through here, which keeps them bit-identical.
inline double closed_form(const Tree& t, const Node& n, double tau) noexcept {
  if (!(tau < n.length)) return n.end;
  if (n.op == Op::constant) return n.c0;
  return n.c0 + n.c1 * basis(t, n, tau);
}

// Index of the phase holding τ: the last start ≤ τ (starts are sorted, the first is 0). Short
// tables are counted without branches; long ones are searched in O(log n).
inline std::uint32_t find_phase(const double* starts, std::uint32_t count, double tau) noexcept {
  if (count <= 8) {
    std::uint32_t passed = 0;
    for (std::uint32_t k = 1; k < count; ++k) passed += starts[k] <= tau;
    return passed;
  }
  std::uint32_t lo = 0;
  while (count > 1) {
    const std::uint32_t half = count / 2;
    lo = starts[lo + half] <= tau ? lo + half : lo;
    count -= half;
  }
  return lo;
}

inline double apply_unary(Op op, double x) noexcept {
  switch (op) {
    case Op::fn_sqrt:
      return std::sqrt(x);
    case Op::fn_exp:
      return std::exp(x);
    case Op::fn_log:
      return std::log(x);
    case Op::fn_cos:
      return std::cos(x);
    case Op::fn_sin:
      return std::sin(x);
    case Op::fn_tanh:
      return std::tanh(x);
    case Op::fn_abs:
      return std::fabs(x);
    case Op::fn_round:
      return std::round(x);  // half away from zero, as everywhere in Tempo
    case Op::fn_floor:
      return std::floor(x);
    default:
      return std::ceil(x);
  }
}

}  // namespace

double Tree::value(std::uint32_t id, double tau, double step) const noexcept {
  const Node& n = nodes[id];
  if (is_closed_form(n.op)) return closed_form(*this, n, tau);
  if (!(tau < n.length)) return n.end;

  const std::uint32_t* kids = children.data() + n.first;
  const double* aux = starts.data() + n.first;
  switch (n.op) {
    case Op::sequence: {
      const std::uint32_t i = find_phase(aux, n.count, tau);
      return value(kids[i], tau - aux[i], step);
    }
    case Op::repeat:
      return value(kids[0], std::fmod(tau, n.a), step);
    case Op::sum: {
      double total = 0;
      for (std::uint32_t i = 0; i < n.count; ++i) total += aux[i] * value(kids[i], tau, step);
      return total;
    }
    case Op::product: {
      double total = value(kids[0], tau, step);
      for (std::uint32_t i = 1; i < n.count; ++i) {
        const double x = value(kids[i], tau, step);
        total = aux[i] != 0.0 ? total * x : total / x;
      }
      return total;
    }
    case Op::pow:
      return std::pow(value(kids[0], tau, step), value(kids[1], tau, step));
    case Op::min:
    case Op::max: {
      double best = value(kids[0], tau, step);
      for (std::uint32_t i = 1; i < n.count; ++i) {
        const double x = value(kids[i], tau, step);
        best = n.op == Op::min ? std::min(best, x) : std::max(best, x);
      }
      return best;
    }
    case Op::clamp: {
      const double x = value(kids[0], tau, step);
      return std::clamp(x, value(kids[1], tau, step), value(kids[2], tau, step));
    }
    case Op::step:
      return step;
    case Op::scripted: {
      const ScriptedArgs args{tau / n.b, tau, n.b, n.c, step, values.data() + n.first};
      return n.c0 + n.c1 * scripted[static_cast<std::size_t>(n.a)]->evaluate(args);
    }
    default:
      return apply_unary(n.op, value(kids[0], tau, step));
  }
}

void Tree::fill(std::uint32_t id, double tau0, double stride, double offset, double* out,
                std::size_t count) const noexcept {
  // τ_i and the global step are formed exactly as the pointwise path forms them.
  const Node& n = nodes[id];
  auto tau_at = [&](std::size_t i) { return tau0 + static_cast<double>(i) * stride; };
  if (n.op == Op::constant && n.length == forever) {
    std::fill(out, out + count, n.c0);
    return;
  }
  if (is_closed_form(n.op)) {
    for (std::size_t i = 0; i < count; ++i) out[i] = closed_form(*this, n, tau_at(i));
    return;
  }
  if (n.op != Op::sequence || !(stride > 0)) {
    for (std::size_t i = 0; i < count; ++i) out[i] = value(id, tau_at(i), tau_at(i) + offset);
    return;
  }
  // A sequence walks its phases in order: each phase fills the run of steps that falls in it.
  std::size_t i = 0;
  while (i < count) {
    const double tau = tau_at(i);
    if (!(tau < n.length)) {
      std::fill(out + i, out + count, n.end);
      return;
    }
    const std::uint32_t phase = find_phase(starts.data() + n.first, n.count, tau);
    const double start = starts[n.first + phase];
    const double next = phase + 1 < n.count ? starts[n.first + phase + 1] : n.length;
    std::size_t run = 1;
    while (i + run < count && tau_at(i + run) < next) {
      // Jump close to the boundary, then settle on it with the exact comparisons.
      const double guess = std::floor((next - tau_at(i + run)) / stride);
      if (guess > 2) {
        run += std::min(static_cast<std::size_t>(guess - 1), count - i - run);
      } else {
        ++run;
      }
    }
    while (run > 1 && !(tau_at(i + run - 1) < next)) --run;
    const std::uint32_t kid = children[n.first + phase];
    const Node& k = nodes[kid];
    if (k.op == Op::constant && !(k.length < next - start)) {
      std::fill(out + i, out + i + run, k.c0);  // a constant segment costs what std::fill costs
    } else if (is_closed_form(k.op)) {
      for (std::size_t j = i; j < i + run; ++j) out[j] = closed_form(*this, k, tau_at(j) - start);
    } else {
      for (std::size_t j = i; j < i + run; ++j) {
        out[j] = value(kid, tau_at(j) - start, tau_at(j) + offset);
      }
    }
    i += run;
  }
}

void Tree::finalize() noexcept {
  std::fill(std::begin(segment_starts), std::end(segment_starts), forever);
  segment_starts[0] = 0.0;
  std::fill(std::begin(segments), std::end(segments), Segment{});
  const Node& top = nodes[root];
  const double zero = 0.0;
  const std::uint32_t* kids = &root;
  const double* kid_starts = &zero;
  std::uint32_t count = 1;
  if (top.op == Op::sequence) {
    kids = children.data() + top.first;
    kid_starts = starts.data() + top.first;
    count = top.count;
  }
  const bool held = top.length != forever;
  if (count + (held ? 1 : 0) > max_segments) return;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!is_closed_form(nodes[kids[i]].op)) return;
  }
  for (std::uint32_t i = 0; i < count; ++i) segment_starts[i] = kid_starts[i];
  if (held) segment_starts[count] = top.length;
  // With integral starts below 2^52, τ − start is exact for every τ in a segment, so a phase at
  // least as long as its segment never reaches its hold: no check needed (a last phase without
  // a hold after it is unbounded and keeps it).
  auto integral = [](double x) { return x >= 0 && x < 0x1p52 && x == std::floor(x); };
  for (std::uint32_t i = 0; i < count; ++i) {
    const Node& n = nodes[kids[i]];
    const bool bounded = i + 1 < count || held;
    const bool inside = bounded && integral(segment_starts[i]) && integral(segment_starts[i + 1]) &&
                        !(n.length < segment_starts[i + 1] - segment_starts[i]);
    Segment& segment = segments[i];
    segment = {Kind::phase, kids[i], n.c0, n.c1, n.a, segment_starts[i]};
    if (n.op == Op::constant && n.end == n.c0)
      segment.kind = Kind::constant;  // holding it changes nothing
    if (n.op == Op::linear && inside) segment.kind = Kind::affine;
    if (n.op == Op::cosine && inside) segment.kind = Kind::cosine;
  }
  if (held) segments[count] = {Kind::constant, root, top.end, 0.0, 0.0, top.length};
}

double Tree::value_segment_slow(std::uint32_t k, double tau) const noexcept {
  if (!(tau >= 0.0)) {  // before training starts: the value at step 0; NaN stays NaN
    return std::isnan(tau) ? tau : value_segments(0.0);
  }
  const Segment& segment = segments[k];
  if (segment.kind == Kind::tree) return value(root, tau, tau);
  return closed_form(*this, nodes[segment.node], tau - segment_starts[k]);
}

// c0 + c1·cos(x), out of line: the if-chain then needs no stack frame and reaches it by a jump.
[[gnu::noinline]] double scaled_cosine(double c0, double c1, double x) noexcept {
  return c0 + c1 * std::cos(x);
}

// The segment holding `step`, found from segment k on by an if-chain over fixed offsets, as a
// hand-written function would compare; a constant or linear segment answers on the spot.
template <std::uint32_t k>
inline double Tree::value_from_segment(double step) const noexcept {
  if constexpr (k + 1 < max_segments) {
    if (segment_starts[k + 1] <= step) return value_from_segment<k + 1>(step);
  }
  if constexpr (k == 0) {
    if (!(step >= 0.0)) [[unlikely]]
      return value_segment_slow(0, step);  // negative or NaN
  }
  const Segment& segment = segments[k];
  if (segment.kind == Kind::constant) return segment.c0;
  const double tau = step - segment.start;
  if (segment.kind == Kind::affine) return segment.c0 + segment.c1 * tau;
  if (segment.kind == Kind::cosine) return scaled_cosine(segment.c0, segment.c1, segment.a * tau);
  return value_segment_slow(k, step);
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
