// The tree walk: value(node, τ). The compiler uses it while it builds (end values, constant
// folding); after finalize, evaluation goes through the lowered segments (segments.cpp, fill.cpp),
// whose `tree` segments come back here for what has no kernel (arithmetic, scripted phases).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "closed_form.hpp"

namespace tempo::detail {
namespace {

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
      return power(value(kids[0], tau, step), value(kids[1], tau, step));
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
      TEMPO_CASE_FUNCTIONS
      return apply_unary(n.op, value(kids[0], tau, step));
      TEMPO_CLOSED_FORMS(TEMPO_CASE_CLOSED)
      break;  // answered by closed_form above
  }
  return closed_form(*this, n, tau);
}

}  // namespace tempo::detail
