#include "compare.hpp"

#include <algorithm>
#include <cmath>
#include <span>

namespace tempo::cli {
namespace {

constexpr std::int64_t chunk = 1 << 16;

bool same(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

// Calls visit(τ, a, b) for A at a_from + τ and B at b_from + τ, τ in [0, count).
template <typename Visit>
void walk(const Schedule& a, std::int64_t a_from, const Schedule& b, std::int64_t b_from,
          std::int64_t count, Visit visit) {
  std::vector<double> va(
      static_cast<std::size_t>(std::min(chunk, std::max<std::int64_t>(count, 0))));
  std::vector<double> vb(va.size());
  for (std::int64_t first = 0; first < count; first += chunk) {
    const auto n = static_cast<std::size_t>(std::min(chunk, count - first));
    a.fill(static_cast<double>(a_from + first), std::span<double>(va.data(), n));
    b.fill(static_cast<double>(b_from + first), std::span<double>(vb.data(), n));
    for (std::size_t i = 0; i < n; ++i) visit(first + static_cast<std::int64_t>(i), va[i], vb[i]);
  }
}

bool same_values(const Schedule& a, std::int64_t a_from, const Schedule& b, std::int64_t b_from,
                 std::int64_t count) {
  bool equal = true;
  walk(a, a_from, b, b_from, count,
       [&](std::int64_t, double x, double y) { equal = equal && same(x, y); });
  return equal;
}

// The integer steps of [start, end) below `limit`.
std::pair<std::int64_t, std::int64_t> integer_steps(const PhaseRow& row, std::int64_t limit) {
  const auto clip = [&](double x) {
    return static_cast<std::int64_t>(std::clamp(std::ceil(x), 0.0, static_cast<double>(limit)));
  };
  return {clip(row.start), clip(row.end)};
}

// The verdict on A's phase `pa` and B's phase `pb` (either may be missing: changed).
PhaseVerdict judge(const Schedule& a, const PhaseRow* pa, const Schedule& b, const PhaseRow* pb,
                   std::int64_t end) {
  PhaseVerdict v;
  v.name = pa ? pa->name : pb->name;
  if (pa) v.a_start = pa->start, v.a_end = pa->end;
  if (pb) v.b_start = pb->start, v.b_end = pb->end;
  if (!pa || !pb) return v;  // changed
  const auto [a_from, a_to] = integer_steps(*pa, end);
  const auto [b_from, b_to] = integer_steps(*pb, end);
  if (a_from == a_to && b_from == b_to) {
    v.verdict = Verdict::not_compared;
  } else if (a_from == b_from && a_to == b_to) {
    v.verdict =
        same_values(a, a_from, b, b_from, a_to - a_from) ? Verdict::identical : Verdict::changed;
  } else if (pa->end - pa->start == pb->end - pb->start && a_to - a_from == b_to - b_from &&
             same_values(a, a_from, b, b_from, a_to - a_from)) {
    v.verdict = Verdict::shifted;
  } else if (a_from == b_from && same_values(a, a_from, b, b_from, std::min(a_to, b_to) - a_from)) {
    // A WSD run given a larger total: its stable() only lasts longer.
    v.verdict = a_to < b_to ? Verdict::extended : Verdict::shortened;
  }
  return v;
}

// Pairs the phases of A and B by name, keeping their order (a longest common subsequence), so
// that a phase inserted on one side does not make every later one a mismatch.
std::vector<std::pair<const PhaseRow*, const PhaseRow*>> pair_phases(
    const std::vector<PhaseRow>& a, const std::vector<PhaseRow>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> common(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      common[i][j] = a[i].name == b[j].name ? common[i + 1][j + 1] + 1
                                            : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::vector<std::pair<const PhaseRow*, const PhaseRow*>> out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i].name == b[j].name) {
      out.emplace_back(&a[i++], &b[j++]);
    } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
      out.emplace_back(&a[i++], nullptr);
    } else {
      out.emplace_back(nullptr, &b[j++]);
    }
  }
  return out;
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::identical:
      return "identical";
    case Verdict::shifted:
      return "shifted";
    case Verdict::extended:
      return "extended";
    case Verdict::shortened:
      return "shortened";
    case Verdict::changed:
      return "changed";
    case Verdict::not_compared:
      return "not compared";
  }
  return "changed";  // unreachable: the switch names every verdict
}

Comparison compare(const Schedule& a, const Schedule& b, std::int64_t end) {
  Comparison c;
  c.end = end;
  walk(a, 0, b, 0, end, [&](std::int64_t step, double x, double y) {
    if (same(x, y)) return;
    const double absolute = std::fabs(x - y);
    const double scale = std::max(std::fabs(x), std::fabs(y));
    const double relative = scale > 0 ? absolute / scale : 0;
    if (!c.first_difference) c.first_difference = Difference{step, x, y, absolute};
    // NaN against a number counts as the largest difference.
    if (!(absolute <= c.max_absolute.size)) c.max_absolute = {step, x, y, absolute};
    if (!(relative <= c.max_relative.size)) c.max_relative = {step, x, y, relative};
  });
  for (const auto& [pa, pb] : pair_phases(a.phases(), b.phases())) {
    c.phases.push_back(judge(a, pa, b, pb, end));
  }
  return c;
}

}  // namespace tempo::cli
