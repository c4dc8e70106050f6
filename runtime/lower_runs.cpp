// Runs (lowering.hpp): piecewise-constant closed forms (multistep, staircase, plateau) as
// constant runs, SGDR as one cosine run per cycle with the cycle's constants computed once.
// Each run starts at the first double at which the tree's own test turns.
#include "closed_form.hpp"
#include "lowering.hpp"

namespace tempo::detail {

// A piecewise-constant phase as constant runs: run i > 0 starts where `turned(i, step)`
// first holds, near `guess(i)`; each run's value is the tree's at a step inside it.
template <class Guess, class Turned>
bool Lowering::runs(std::uint32_t id, double start, double end, double count, const Guess& guess,
                    const Turned& turned) {
  const Node& n = t_.nodes[id];
  if (!(count <= static_cast<double>(max_runs)) || count > static_cast<double>(budget_)) {
    return false;
  }
  auto value_at = [&](double step) { return closed_form_inside(t_, n, step - start); };
  std::vector<Segment> out{{Kind::constant, id, value_at(start), 0.0, 0.0, start, start}};
  for (double i = 1; i < count; ++i) {
    if (!(guess(i) > 0)) continue;  // a turn at τ ≤ 0 is counted from the start on
    const double at = start + guess(i);
    if (!(at < end)) break;
    const auto b = first_turn([&](double step) { return turned(i, step - start); }, at);
    if (!b || !(*b < end)) return false;
    if (!(*b > out.back().from)) continue;  // a turn at τ ≤ 0 is counted from the start on
    out.push_back({Kind::constant, id, value_at(*b), 0.0, 0.0, *b, *b});
  }
  for (const Segment& s : out) push(s);
  return true;
}

bool Lowering::multistep_runs(std::uint32_t id, double start, double end) {
  const Node& n = t_.nodes[id];
  const double* m = t_.values.data() + n.first;
  auto milestone = [&](double i) { return m[static_cast<std::size_t>(i) - 1]; };
  return runs(id, start, end, static_cast<double>(n.count) + 1, milestone,
              [&](double i, double tau) { return milestone(i) <= tau; });
}

bool Lowering::staircase_runs(std::uint32_t id, double start, double end) {
  const auto& p = t_.nodes[id].params.staircase;
  if (end == forever) return false;
  return runs(
      id, start, end, std::ceil((end - start) / p.every), [&](double i) { return i * p.every; },
      [&](double i, double tau) { return p.stair(tau) >= i; });
}

// plateau's decisions as constant runs: run i starts at the first step after the observation
// that decided it (the first double at which τ > σ_i, as the tree tests it).
bool Lowering::plateau_runs(std::uint32_t id, double start, double end) {
  const Node& n = t_.nodes[id];
  const std::size_t k = n.count / 2;
  const double* sigma = t_.values.data() + n.first;
  if (k > max_runs || k > budget_) return false;
  auto value_at = [&](double step) { return closed_form_inside(t_, n, step - start); };
  std::vector<Segment> out{{Kind::constant, id, value_at(start), 0.0, 0.0, start, start}};
  for (std::size_t i = 0; i < k; ++i) {
    const double decided = sigma[i];
    const auto b = first_turn([&](double step) { return step - start > decided; }, start + decided);
    if (!b) return false;
    if (!(*b < end)) break;
    out.push_back({Kind::constant, id, value_at(*b), 0.0, 0.0, *b, *b});
  }
  for (const Segment& s : out) push(s);
  return true;
}

// An SGDR phase as one cosine run per cycle, the cycle's constants computed once.
bool Lowering::cycles(std::uint32_t id, double start, double end) {
  const Node& n = t_.nodes[id];
  const auto& p = n.params.sgdr;
  if (end == forever) return false;
  const double last = p.cycle_of(end - start).index;
  if (!(last < static_cast<double>(max_runs)) || last >= static_cast<double>(budget_)) {
    return false;
  }
  std::vector<Segment> out;
  for (double k = 0; k <= last; ++k) {
    double b = start;
    if (k > 0) {
      const auto turn = first_turn([&](double step) { return p.cycle_of(step - start).index >= k; },
                                   start + p.start_of(k));
      if (!turn) return false;
      b = *turn;
    }
    if (!(b < end)) break;
    const auto cycle = p.cycle_of(b - start);
    if (cycle.index != k) return false;
    const auto cosine = p.cosine_of(cycle);
    // τ = step − the phase's start, as the tree forms it; the run begins at the cycle.
    Segment s{Kind::kernel, id, n.c0, n.c1, cosine.omega, start, b};
    s.k0 = cosine.k0, s.k1 = cosine.k1, s.inner = cycle.start;
    s.kernel = kernels::cycle;
    s.fill = kernels::fill<kernels::cycle>;
    out.push_back(s);
  }
  for (const Segment& s : out) push(s);
  return true;
}

}  // namespace tempo::detail
