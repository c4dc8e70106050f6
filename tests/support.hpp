// Shared by the tests: the tolerance of the reference vectors (tests/data/README in spirit):
// relative 1e-12, or absolute 1e-15 for values near zero.
#pragma once

#include <cmath>

namespace tempo::testing {

inline bool close(double actual, double expected) {
  return std::fabs(actual - expected) <= 1e-15 ||
         std::fabs(actual - expected) <= 1e-12 * std::fabs(expected);
}

}  // namespace tempo::testing
