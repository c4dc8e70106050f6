// Step sequences the benchmarks walk: pseudo-random steps (so the branch predictor cannot learn
// the phase) and consecutive ones. Shared by every benchmark so all see the same steps.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace bench {

inline std::vector<double> random_steps(double total, std::size_t count = 4096) {
  std::vector<double> steps(count);
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  for (auto& s : steps) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;  // Knuth's MMIX LCG
    s = static_cast<double>((state >> 11) % static_cast<std::uint64_t>(total + 1));
  }
  return steps;
}

// Steps that land in each of the design card's three phases equally often, in random order:
// uniform steps fall in the stable phase 92% of the time, which a branch predictor learns.
inline std::vector<double> mixed_phase_steps(std::size_t count = 4096) {
  const double starts[] = {0, 2000, 92000}, lengths[] = {2000, 90000, 8000};
  auto uniform = random_steps(1e9, count * 2);
  std::vector<double> steps(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto phase = static_cast<std::size_t>(uniform[2 * i]) % 3;
    steps[i] = starts[phase] + std::fmod(uniform[2 * i + 1], lengths[phase]);
  }
  return steps;
}

}  // namespace bench
