// Tree::place_buckets: the search's first guess (tree.hpp). The starts' range is cut into equal
// buckets; each names the first segment a step in it can be in, and every bucket's candidates
// fit in a window of 2^bucket_steps segments, so the branch-free search over a window of one or
// two replaces log2(n) steps over the whole table. The guess is exact, not approximate: a
// step's bucket is computed by the same doubles at evaluation as at placement, and those are
// monotone in the step, so the segment holding a step is always inside its bucket's window.
#include <algorithm>
#include <bit>
#include <cmath>

#include "tree.hpp"

namespace tempo::detail {

void Tree::place_buckets(std::size_t n) {
  bucket_first.clear();
  bucket_count = 0.0;  // every step then takes the whole search
  bucket_steps = 0;
  // The range: from the first start to the last finite one (segments after an infinite phase
  // begin at +∞ and are reached by the whole search).
  std::size_t finite = n;
  while (finite > 0 && !std::isfinite(table_starts[finite - 1])) --finite;
  if (finite < 2) return;
  const double origin = table_starts[0], width = table_starts[finite - 1] - origin;
  // About two buckets a segment, so that evenly spread starts are one or two to a bucket.
  const std::size_t count = std::min<std::size_t>(std::bit_ceil(2 * n), max_buckets);
  const double scale = static_cast<double>(count) / width;
  if (!(width > 0.0) || !std::isfinite(scale)) return;
  bucket_origin = origin;
  bucket_scale = scale;

  // The bucket of each start, clamped to [0, count]: those steps a segment holds fall in the
  // buckets from its own start's to the next one's, as bucket_of is monotone.
  const auto bucket = [&](std::size_t i) -> std::size_t {
    if (i >= finite) return count;
    const double at = bucket_of(table_starts[i]);
    return at < static_cast<double>(count) ? static_cast<std::size_t>(at) : count;
  };
  // Bucket b's candidates are the segments i with bucket(i) ≤ b ≤ bucket(i + 1): from the first
  // whose successor reaches b to the last that starts in or before b.
  bucket_first.resize(count);
  std::size_t first = 0, last = 0, widest = 1;
  for (std::size_t b = 0; b < count; ++b) {
    while (first + 1 < n && bucket(first + 1) < b) ++first;
    while (last + 1 < n && bucket(last + 1) <= b) ++last;
    bucket_first[b] = static_cast<std::uint32_t>(first);
    widest = std::max(widest, last - first + 1);
  }
  bucket_steps = static_cast<std::uint32_t>(std::bit_width(widest - 1));
  bucket_count = static_cast<double>(count);

  // A window may reach past the table: pad it further with the last segment, as the search does.
  const std::size_t reach = bucket_first.back() + (std::size_t{1} << bucket_steps);
  if (reach > table.size()) {
    table.resize(reach, table.back());
    table_starts.resize(reach, table_starts.back());
  }
}

}  // namespace tempo::detail
