// Tree::finalize and the walk of the lowering (lowering.hpp): holds, sequences, repeats and
// closed forms. A sequence's phases and a repeat's cycles are laid flat, each at its own
// origin, where the steps minus that origin are exactly the τ the tree walk forms.
#include <bit>
#include <cmath>

#include "lowering.hpp"

namespace tempo::detail {

Tree::Segment Lowering::tree_walk(std::uint32_t id, double origin, double from) {
  Segment s{Kind::kernel, id, 0.0, 0.0, 0.0, origin, from};
  s.kernel = kernels::tree;
  s.fill = kernels::fill<kernels::tree>;
  return s;
}

void Lowering::push(const Segment& s) {
  if (!segments.empty()) {
    Segment& last = segments.back();
    // Of segments starting at the same step the last one holds it (the tree's search does so).
    if (!(last.from < s.from)) {
      segments.pop_back();
      ++budget_;
    } else if (s.kind == Kind::constant && last.kind == Kind::constant &&
               std::bit_cast<std::uint64_t>(s.c0) == std::bit_cast<std::uint64_t>(last.c0)) {
      return;  // the same value goes on
    } else if (s.kind == Kind::kernel && last.kind == Kind::kernel && s.kernel == kernels::tree &&
               last.kernel == kernels::tree && s.node == last.node && s.start == last.start) {
      return;  // the same walk goes on
    }
  }
  if (budget_ > 0) --budget_;
  segments.push_back(s);
}

bool Lowering::node(std::uint32_t id, double origin, double to) {
  if (!(origin < to)) return true;
  const Node& n = t_.nodes[id];
  // From its length on a node holds its end value: the first step at which the tree's test
  // !(τ < length) holds starts a constant run.
  double hold = forever;
  if (n.length != forever) {
    if (integral(origin) && integral(n.length)) {
      hold = origin + n.length;
    } else {
      const auto b =
          first_turn([&](double step) { return !(step - origin < n.length); }, origin + n.length);
      if (!b) return false;
      hold = *b;
    }
  }
  if (depth_ >= max_depth) {
    push(tree_walk(id, origin, origin));  // the walk holds the end value itself
    return true;
  }
  const std::size_t mark = segments.size();
  ++depth_;
  const bool laid_out = body(id, origin, std::min(to, hold));
  --depth_;
  if (!laid_out) {
    segments.resize(mark);
    push(tree_walk(id, origin, origin));
  }
  if (hold < to) push(constant(id, n.end, std::max(hold, origin)));
  return true;
}

bool Lowering::body(std::uint32_t id, double origin, double to) {
  if (!(origin < to)) return true;
  const Node& n = t_.nodes[id];
  if (budget_ == 0) return false;
  switch (n.op) {
    case Op::sequence:
      return sequence(id, origin, to);
    case Op::repeat:
      return repeat(id, origin, to);
    case Op::sum:
    case Op::product:
    case Op::pow:
    case Op::min:
    case Op::max:
    case Op::clamp:
      TEMPO_CASE_FUNCTIONS
      arithmetic(id, origin, to);
      return true;
    case Op::step: {  // the global step, as c0 + c1·τ: −0 + 1·(step − 0) is step, −0 included
      Segment s{Kind::affine, id, -0.0, 1.0, 0.0, 0.0, origin};
      push(s);
      return true;
    }
    case Op::scripted:
      push(tree_walk(id, origin, origin));
      return true;
      TEMPO_CLOSED_FORMS(TEMPO_CASE_CLOSED)
      closed(id, origin, to);
      return true;
  }
  return false;
}

// Phase i from origin + starts[i] on. At the top (origin 0) its τ is step − starts[i], as the
// tree forms it; deeper, τ is (step − origin) − starts[i], the same double when both are
// integers below 2^52.
bool Lowering::sequence(std::uint32_t id, double origin, double to) {
  const Node& n = t_.nodes[id];
  for (std::uint32_t i = 0; i < n.count; ++i) {
    const double a = t_.starts[n.first + i];
    if (origin != 0.0 && !(integral(origin) && integral(a))) return false;
    const double from = origin + a;
    const double until = i + 1 < n.count ? origin + t_.starts[n.first + i + 1] : to;
    if (!node(t_.children[n.first + i], from, std::min(until, to))) return false;
  }
  return true;
}

// Cycle k from origin + k·period on: fmod(τ, period) is τ − k·period exactly, and so is the
// step minus the cycle's origin when the period and the origin are integers below 2^52.
bool Lowering::repeat(std::uint32_t id, double origin, double to) {
  const Node& n = t_.nodes[id];
  const double period = n.params.repeat.period;
  if (!integral(origin) || !integral(period) || period == 0 || to == forever) return false;
  const double cycles = std::ceil((to - origin) / period);
  if (!(cycles <= static_cast<double>(max_runs)) || !integral(origin + cycles * period)) {
    return false;
  }
  for (double k = 0; k < cycles; ++k) {
    const double from = origin + k * period;
    if (!node(t_.children[n.first], from, std::min(from + period, to))) return false;
  }
  return true;
}

// A closed form over [origin, to), inside its phase (node() has split off the hold).
void Lowering::closed(std::uint32_t id, double origin, double to) {
  const Node& n = t_.nodes[id];
  Segment s{Kind::kernel, id, n.c0, n.c1, 0.0, origin, origin};
  if (n.op == Op::constant || n.c1 == 0.0) return push(constant(id, n.c0, origin));
  switch (n.op) {
    case Op::linear:
      s.kind = Kind::affine;
      return push(s);
    case Op::cosine:
      s.kind = Kind::cosine;
      s.a = n.params.cosine.omega;
      return push(s);
    case Op::multistep:
      if (multistep_runs(id, origin, to)) return;
      break;
    case Op::staircase:
      if (staircase_runs(id, origin, to)) return;
      break;
    case Op::sgdr:
      if (cycles(id, origin, to)) return;
      break;
    case Op::plateau:
      if (plateau_runs(id, origin, to)) return;
      break;
    default:
      break;  // the other closed forms have a kernel each
  }
  const kernels::Pair k = kernels::closed(n);
  s.params = n.params;
  s.kernel = k.kernel;
  s.fill = k.fill;
  push(s);
}

void Tree::finalize() {
  std::size_t budget = max_total;
  Lowering lowering(*this, budget);
  // About a segment per node, and a power of two for the padding below: the table grows once.
  std::size_t room = 1;
  while (room < nodes.size() + 1) room *= 2;
  lowering.segments.reserve(room);
  if (!lowering.node(root, 0.0, forever) || lowering.segments.empty()) {
    // The root could not be laid out (no step where its hold begins could be found, as for a
    // NaN length): the whole schedule is one walk of the tree, as any node that cannot be laid
    // out is, and the table is never empty.
    lowering.segments.assign(1, Lowering::tree_walk(root, 0.0, 0.0));
  }
  table = std::move(lowering.segments);
  for (Segment& s : table) {  // pointwise, every segment is answered by its kernel
    if (s.kind == Kind::constant) s.kernel = kernels::constant;
    if (s.kind == Kind::affine) s.kernel = kernels::affine;
    if (s.kind == Kind::cosine) s.kernel = kernels::cosine;
  }

  // Padding: copies of the last segment, so that a search that runs past it (step = +∞ passes
  // every +∞ start) lands on the same kernel.
  std::size_t padded = 1;
  search_steps = 0;
  const std::size_t n = table.size();
  while (padded < n) padded *= 2, ++search_steps;
  table.resize(padded, table.back());
  table_starts.resize(padded);
  for (std::size_t i = 0; i < padded; ++i) table_starts[i] = table[i].from;
  if (n > max_inline) place_buckets(n);

  if (n <= max_inline) {
    for (std::size_t i = 0; i < max_inline; ++i) {
      segments[i] = table[std::min(i, table.size() - 1)];
      segment_starts[i] = segments[i].from;
    }
  } else {
    // Every inline segment sends the step to the search: with segment_starts[0] = +∞ every
    // finite step fails segment 0's test (segments.cpp), and +∞ passes the +∞ starts.
    std::fill(std::begin(segment_starts), std::end(segment_starts), forever);
    Segment search;
    search.kernel = [](const Tree& t, const Segment&, double step) noexcept {
      return t.value_table(step);  // step = +∞ passes segment 0 (+∞ ≤ +∞) and lands here
    };
    std::fill(std::begin(segments), std::end(segments), search);
  }
}

}  // namespace tempo::detail
