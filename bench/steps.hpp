// Step sequences the benchmarks walk: pseudo-random steps (so the branch predictor cannot learn
// the phase) and consecutive ones. Shared by every benchmark so all see the same steps.
#pragma once

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

}  // namespace bench
