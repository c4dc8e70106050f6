// The hand-written baseline, in its own translation unit and marked noinline so that the
// compiler cannot specialise it to constant parameters: calls cost what a real call costs.
#include "handwritten.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bench {

[[gnu::noinline]] double handwritten(const DesignCard& p, double step) {
  if (step < p.warmup) return step / p.warmup;
  if (step < p.decay_start) return 1.0;
  if (step < p.total) {
    const double progress = (step - p.decay_start) / (p.total - p.decay_start);
    return p.min + (1.0 - p.min) * (1.0 + std::cos(std::numbers::pi * progress)) / 2.0;
  }
  return p.min;
}

[[gnu::noinline]] void handwritten_fill(const DesignCard& p, double first, double* out,
                                        std::size_t count) {
  std::size_t i = 0;
  auto step = [&](std::size_t k) { return first + static_cast<double>(k); };
  for (; i < count && step(i) < p.warmup; ++i) out[i] = step(i) / p.warmup;
  std::size_t stable_end = i;
  while (stable_end < count && step(stable_end) < p.decay_start) ++stable_end;
  std::fill(out + i, out + stable_end, 1.0);
  i = stable_end;
  const double scale = 1.0 / (p.total - p.decay_start);
  for (; i < count && step(i) < p.total; ++i) {
    out[i] = p.min + (1.0 - p.min) *
                         (1.0 + std::cos(std::numbers::pi * (step(i) - p.decay_start) * scale)) /
                         2.0;
  }
  std::fill(out + i, out + count, p.min);
}

}  // namespace bench
