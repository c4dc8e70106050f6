// Tree::finalize: lowers the finished tree into one sorted table of segments (tree.hpp). Every
// segment computes exactly the doubles the tree walk computes for the steps it covers, so the
// lowered form and the tree agree bit for bit: a segment boundary is the first double at which
// the tree's own test (a phase start, a milestone, a stair, a cycle) turns, found by stepping
// ulp by ulp from the exact guess; each constant is the tree's value at a step inside.
#include <bit>
#include <cmath>
#include <optional>

#include "closed_form.hpp"

namespace tempo::detail {
namespace {

using Segment = Tree::Segment;
using Kind = Tree::Kind;

// A phase never splits into more runs than this, nor the whole schedule into more than
// max_total: past them a phase keeps its closed form (its search then happens per step).
constexpr std::size_t max_runs = 4096, max_total = 1 << 16;

bool integral(double x) {
  return x >= 0 && x < 0x1p52 && x == std::floor(x);
}

// The first double ≥ 0 at which the monotone test `turned` holds, near `guess`; nullopt when a
// few hundred ulps do not settle it (the guess was far off: the caller keeps the closed form).
template <class Test>
std::optional<double> first_turn(const Test& turned, double guess) {
  if (!std::isfinite(guess)) return std::nullopt;
  double b = guess;
  for (int k = 0; k < 256 && !turned(b); ++k) b = std::nextafter(b, forever);
  for (int k = 0; k < 256 && b > 0 && turned(std::nextafter(b, -forever)); ++k) {
    b = std::nextafter(b, -forever);
  }
  if (!turned(b) || (b > 0 && turned(std::nextafter(b, -forever)))) return std::nullopt;
  return b;
}

class Lowering {
 public:
  explicit Lowering(const Tree& tree) : t_(tree) {}
  std::vector<Segment> segments;

  void push(const Segment& s) {
    // Of phases starting at the same step the last one holds it (the tree's search does so).
    if (!segments.empty() && !(segments.back().from < s.from)) segments.pop_back();
    segments.push_back(s);
  }

  // Node `id` over [start, end) of its sequence; `bounded`: end is finite and held after.
  void phase(std::uint32_t id, double start, double end, bool bounded) {
    const Node& n = t_.nodes[id];
    Segment s{Kind::closed, id, n.c0, n.c1, 0.0, start, start};
    if (!is_closed_form(n.op)) {
      s.kind = Kind::tree;
      return push(s);
    }
    // With integral starts below 2^52, τ = step − start is exact for every step in the phase,
    // so a phase at least as long as its span never reaches its hold: no test needed.
    const bool inside = n.length == forever ||
                        (bounded && integral(start) && integral(end) && !(n.length < end - start));
    if (n.op == Op::constant || n.c1 == 0.0) {
      if (inside || n.end == n.c0) s.kind = Kind::constant;
      return push(s);
    }
    if (!inside) return push(s);
    switch (n.op) {
      case Op::linear:
        s.kind = Kind::affine;
        return push(s);
      case Op::cosine:
        s.kind = Kind::cosine;
        s.a = n.params.cosine.omega;
        return push(s);
      case Op::multistep:
        if (multistep_runs(id, start, end)) return;
        break;
      case Op::staircase:
        if (staircase_runs(id, start, end)) return;
        break;
      case Op::sgdr:
        if (cycles(id, start, end)) return;
        break;
      case Op::plateau:
        if (plateau_runs(id, start, end)) return;
        break;
      default:
        break;  // the other closed forms are answered by closed_form
    }
    push(s);
  }

 private:
  const Tree& t_;

  // A piecewise-constant phase as constant runs: run i > 0 starts where `turned(i, step)`
  // first holds, near `guess(i)`; each run's value is the tree's at a step inside it.
  template <class Guess, class Turned>
  bool runs(std::uint32_t id, double start, double end, double count, const Guess& guess,
            const Turned& turned) {
    const Node& n = t_.nodes[id];
    if (!(count <= static_cast<double>(max_runs)) ||
        static_cast<double>(segments.size()) + count > static_cast<double>(max_total)) {
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

  bool multistep_runs(std::uint32_t id, double start, double end) {
    const Node& n = t_.nodes[id];
    const double* m = t_.values.data() + n.first;
    auto milestone = [&](double i) { return m[static_cast<std::size_t>(i) - 1]; };
    return runs(id, start, end, static_cast<double>(n.count) + 1, milestone,
                [&](double i, double tau) { return milestone(i) <= tau; });
  }

  bool staircase_runs(std::uint32_t id, double start, double end) {
    const auto& p = t_.nodes[id].params.staircase;
    if (end == forever) return false;
    return runs(
        id, start, end, std::ceil((end - start) / p.every), [&](double i) { return i * p.every; },
        [&](double i, double tau) { return p.stair(tau) >= i; });
  }

  // plateau's decisions as constant runs: run i starts at the first step after the observation
  // that decided it (the first double at which τ > σ_i, as the tree tests it).
  bool plateau_runs(std::uint32_t id, double start, double end) {
    const Node& n = t_.nodes[id];
    const std::size_t k = n.count / 2;
    const double* sigma = t_.values.data() + n.first;
    if (k > max_runs || segments.size() + k > max_total) return false;
    auto value_at = [&](double step) { return closed_form_inside(t_, n, step - start); };
    std::vector<Segment> out{{Kind::constant, id, value_at(start), 0.0, 0.0, start, start}};
    for (std::size_t i = 0; i < k; ++i) {
      const double decided = sigma[i];
      const auto b =
          first_turn([&](double step) { return step - start > decided; }, start + decided);
      if (!b) return false;
      if (!(*b < end)) break;
      out.push_back({Kind::constant, id, value_at(*b), 0.0, 0.0, *b, *b});
    }
    for (const Segment& s : out) push(s);
    return true;
  }

  // An SGDR phase as one cosine run per cycle, the cycle's constants computed once.
  bool cycles(std::uint32_t id, double start, double end) {
    const Node& n = t_.nodes[id];
    const auto& p = n.params.sgdr;
    if (end == forever) return false;
    const double last = p.cycle_of(end - start).index;
    if (!(last < static_cast<double>(max_runs)) || segments.size() + last > max_total) {
      return false;
    }
    std::vector<Segment> out;
    for (double k = 0; k <= last; ++k) {
      double b = start;
      if (k > 0) {
        const auto turn =
            first_turn([&](double step) { return p.cycle_of(step - start).index >= k; },
                       start + p.start_of(k));
        if (!turn) return false;
        b = *turn;
      }
      if (!(b < end)) break;
      const auto cycle = p.cycle_of(b - start);
      if (cycle.index != k) return false;
      const auto cosine = p.cosine_of(cycle);
      // τ = step − the phase's start, as the tree forms it; the run begins at the cycle.
      out.push_back(
          {Kind::cycle, id, n.c0, n.c1, cosine.omega, start, b, cosine.k0, cosine.k1, cycle.start});
    }
    for (const Segment& s : out) push(s);
    return true;
  }
};

}  // namespace

void Tree::finalize() {
  Lowering lowering(*this);
  const Node& top = nodes[root];
  const bool held = top.length != forever;
  if (top.op == Op::sequence) {
    for (std::uint32_t i = 0; i < top.count; ++i) {
      const double start = starts[top.first + i];
      const bool last = i + 1 == top.count;
      const double end = last ? top.length : starts[top.first + i + 1];
      lowering.phase(children[top.first + i], start, end, !last || held);
    }
  } else {
    lowering.phase(root, 0.0, top.length, held);
  }
  if (held) lowering.push({Kind::constant, root, top.end, 0.0, 0.0, top.length, top.length});
  table = std::move(lowering.segments);

  // Padding: copies of the last segment, so that a search that runs past it (step = +∞ passes
  // every +∞ start) lands on the same kernel.
  std::size_t padded = 1;
  search_steps = 0;
  while (padded < table.size()) padded *= 2, ++search_steps;
  table.resize(padded, table.back());
  table_starts.resize(padded);
  for (std::size_t i = 0; i < padded; ++i) table_starts[i] = table[i].from;

  if (table.size() <= max_inline) {
    for (std::size_t i = 0; i < max_inline; ++i) {
      segments[i] = table[std::min(i, table.size() - 1)];
      segment_starts[i] = segments[i].from;
    }
  } else {
    // Every inline segment sends the step to the search (+∞ passes the +∞ starts).
    std::fill(std::begin(segment_starts), std::end(segment_starts), forever);
    segment_starts[0] = 0.0;
    Segment search;
    search.kind = Kind::table;
    std::fill(std::begin(segments), std::end(segments), search);
  }
}

}  // namespace tempo::detail
