// Tree::fill_segments: Schedule::fill over the lowered form. Each segment fills the run of steps
// that falls in it with one loop of its kernel: no search and no dispatch per step, constant
// runs written by std::fill. Steps are formed as first + i·stride, exactly as the caller forms
// them for pointwise evaluation, and every kernel computes the same doubles, so the values are
// bit-identical to operator().
#include <algorithm>
#include <cmath>

#include "kernels.hpp"

namespace tempo::detail {
namespace {

using Segment = Tree::Segment;
using Kind = Tree::Kind;

struct Steps {
  double first, stride;
  double operator[](std::size_t i) const noexcept { return first + kernels::index(i) * stride; }
};

// The first index j in (i, count] whose step reaches `next` (count if none): from the estimate
// (next − first)/stride, corrected by a step or two where it rounded; by bisection where the
// estimate is far off (steps near the limits of doubles).
std::size_t run_end(Steps steps, std::size_t i, std::size_t count, double next) noexcept {
  if (kernels::steps_are_indices(steps.first, steps.stride)) {
    // A whole run filled from 0: j = ⌈next⌉, by two conversions rather than a call to ceil.
    // next > step i = i, so j > i.
    if (!(next < kernels::index(count))) return count;
    const auto j = static_cast<std::size_t>(static_cast<std::int64_t>(next));
    return kernels::index(j) < next ? j + 1 : j;
  }
  const double x = (next - steps.first) / steps.stride;
  std::size_t j = count;
  if (x < kernels::index(count)) {
    j = x > kernels::index(i + 1) ? static_cast<std::size_t>(x) : i + 1;
  }
  for (int k = 0; k < 3; ++k) {
    const bool low = j < count && steps[j] < next;          // j must grow
    const bool high = j > i + 1 && !(steps[j - 1] < next);  // j must shrink
    if (!low && !high) return j;
    j = low ? j + 1 : j - 1;
  }
  std::size_t lo = i + 1, hi = count;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (steps[mid] < next) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

void Tree::fill_segments(double first, double stride, double* out,
                         std::size_t count) const noexcept {
  const Steps steps{first, stride};
  const std::size_t last = table.size() - 1;
  // The segment of the first step, as operator() finds it: the last one starting at or before.
  std::size_t k = static_cast<std::size_t>(
      std::upper_bound(table_starts.begin(), table_starts.begin() + static_cast<long>(last) + 1,
                       first) -
      table_starts.begin());
  k = k > 0 ? k - 1 : 0;
  std::size_t i = 0;
  while (i < count) {
    // The segment of step i: the next ones in order, as the steps only grow.
    const double step = steps[i];
    while (k < last && table[k + 1].from <= step) ++k;
    // The run: steps i … end − 1 before the next segment.
    const std::size_t end = k < last ? run_end(steps, i, count, table[k + 1].from) : count;
    const Segment& s = table[k];
    switch (s.kind) {
      case Kind::constant:
        std::fill(out + i, out + end, s.c0);
        break;
      case Kind::affine:
        kernels::fill<kernels::affine>(*this, s, first, stride, i, end, out);
        break;
      case Kind::cosine:
        kernels::fill<kernels::cosine>(*this, s, first, stride, i, end, out);
        break;
      case Kind::kernel:
        s.fill(*this, s, first, stride, i, end, out);
        break;
    }
    i = end;
  }
}

}  // namespace tempo::detail
