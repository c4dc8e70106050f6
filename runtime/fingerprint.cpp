// Schedule::fingerprint(): FNV-1a 64 over a fixed byte layout of the compiled plan (the root's
// node digest, digest.hpp), its context and its phase table, printed as 16 hex digits. The
// layout is written out in docs/lifecycle.md so that any binding can check it.
#include <cinttypes>
#include <cstdio>

#include "digest.hpp"
#include "tempo/schedule.hpp"

namespace tempo {

std::string Schedule::fingerprint() const {
  const detail::Tree& t = *tree_;
  detail::Fnv1a h;
  h.text("tempo.fingerprint/1");
  h.u64(detail::digest_nodes(t)[t.root].full);
  h.f64(t.total);
  h.f64(t.steps_per_epoch);
  h.f64(t.tokens_per_step);
  h.u32(static_cast<std::uint32_t>(t.phases.size()));
  for (const PhaseRow& row : t.phases) {
    for (double x : {row.start, row.end, row.start_value, row.end_value}) h.f64(x);
  }
  // The metrics a plateau decides over (only when there are some: other plans keep their value).
  if (!t.metrics.empty()) {
    h.text("metrics");
    h.u32(static_cast<std::uint32_t>(t.metrics.size()));
    for (const std::string& metric : t.metrics) h.text(metric);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, h.value());
  return hex;
}

}  // namespace tempo
