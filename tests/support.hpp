// Shared by the tests: the tolerance of the reference vectors (tests/data/README in spirit):
// relative 1e-12, or absolute 1e-15 for values near zero.
#pragma once

#include <cmath>
#include <cstddef>
#include <thread>
#include <vector>

#include "tempo/schedule.hpp"

namespace tempo::testing {

inline bool close(double actual, double expected) {
  return std::fabs(actual - expected) <= 1e-15 ||
         std::fabs(actual - expected) <= 1e-12 * std::fabs(expected);
}

// How many evaluations from `threads` threads, each walking `steps` in its own order, differ
// from a single-threaded evaluation of the same steps.
inline int mismatches_across_threads(const tempo::Schedule& schedule,
                                     const std::vector<double>& steps, int threads = 4) {
  std::vector<double> expected;
  for (double step : steps) expected.push_back(schedule(step));
  std::vector<int> mismatches(static_cast<std::size_t>(threads), 0);
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k) {
    pool.emplace_back([&, k] {
      const tempo::Schedule copy = schedule;  // copies share the compiled tree
      for (std::size_t i = 0; i < steps.size(); ++i) {
        const std::size_t j = (i * 7919 + static_cast<std::size_t>(k) * 31) % steps.size();
        if (copy(steps[j]) != expected[j]) ++mismatches[static_cast<std::size_t>(k)];
      }
    });
  }
  for (auto& t : pool) t.join();
  int total = 0;
  for (int m : mismatches) total += m;
  return total;
}

}  // namespace tempo::testing
