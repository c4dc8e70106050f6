// Evaluation of the tree: value(node, τ) and fill. Closed-form phases share one `basis` function,
// used by both paths, so that `fill` is bit-identical to pointwise evaluation.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "tree.hpp"

namespace tempo::detail {
namespace {

// basis(τ) of a closed-form phase: its parameter struct's formula (ops.hpp).
inline double basis(const Tree& t, const Node& n, double tau) noexcept {
  const params::List list{t.values.data() + n.first, n.count};
  switch (n.op) {
#define TEMPO_BASIS(op, ...) \
  case Op::op:               \
    return n.params.op.basis(tau, list);
    TEMPO_CLOSED_FORMS(TEMPO_BASIS)
#undef TEMPO_BASIS
    TEMPO_COMPOSITES(TEMPO_CASE_COMPOSITE)
    TEMPO_LEAVES(TEMPO_CASE_LEAF)
    break;  // not closed forms: closed_form is never called on them
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// A closed-form phase at local time τ, holding its end value from its length on. Every path
// (value, value_segments, fill) goes through here, which keeps them bit-identical.
inline double closed_form(const Tree& t, const Node& n, double tau) noexcept {
  if (!(tau < n.length) && n.length != forever) return n.end;
  // A zero amplitude leaves c0 even where the basis overflows (0·∞ would be NaN).
  if (n.op == Op::constant || n.c1 == 0.0) return n.c0;
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
    case Op::fn_ceil:
      return std::ceil(x);
    case Op::sequence:
    case Op::repeat:
    case Op::sum:
    case Op::product:
    case Op::pow:
    case Op::min:
    case Op::max:
    case Op::clamp:
      TEMPO_CLOSED_FORMS(TEMPO_CASE_CLOSED)
      TEMPO_LEAVES(TEMPO_CASE_LEAF)
      break;  // not functions of one argument: apply_unary is only called on fn_*
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

double Tree::value(std::uint32_t id, double tau, double step) const noexcept {
  const Node& n = nodes[id];
  if (is_closed_form(n.op)) return closed_form(*this, n, tau);
  // Held from the end on; a phase that never ends is evaluated even at τ = +∞.
  if (!(tau < n.length) && n.length != forever) return n.end;

  const std::uint32_t* kids = children.data() + n.first;
  const double* aux = starts.data() + n.first;
  switch (n.op) {
    case Op::sequence: {
      const std::uint32_t i = find_phase(aux, n.count, tau);
      return value(kids[i], tau - aux[i], step);
    }
    case Op::repeat:
      return value(kids[0], std::fmod(tau, n.params.repeat.period), step);
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
      const auto& p = n.params.scripted;
      const ScriptedArgs args{tau / p.length, tau,  p.length,
                              p.level,        step, values.data() + n.first};
      return n.c0 + n.c1 * scripted[p.index]->evaluate(args);
    }
    case Op::fn_sqrt:
    case Op::fn_exp:
    case Op::fn_log:
    case Op::fn_cos:
    case Op::fn_sin:
    case Op::fn_tanh:
    case Op::fn_abs:
    case Op::fn_round:
    case Op::fn_floor:
    case Op::fn_ceil:
      return apply_unary(n.op, value(kids[0], tau, step));
      TEMPO_CLOSED_FORMS(TEMPO_CASE_CLOSED)
      break;  // answered by closed_form above
  }
  return closed_form(*this, n, tau);
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
      // The guess may be huge or +∞ (a phase that never ends, a tiny stride): clamp it first.
      const double guess = std::floor((next - tau_at(i + run)) / stride);
      const auto left = static_cast<double>(count - i - run);
      if (guess > 2) {
        run += guess - 1 < left ? static_cast<std::size_t>(guess - 1) : count - i - run;
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
    segment = {
        Kind::phase,      kids[i], n.c0, n.c1, n.op == Op::cosine ? n.params.cosine.omega : 0.0,
        segment_starts[i]};
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
