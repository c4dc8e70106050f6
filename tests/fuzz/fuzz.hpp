// Shared by the libFuzzer targets of this folder: options and steps drawn from the input, and
// the one way a target reports a finding (a message on stderr, then abort, which libFuzzer
// records with the input that caused it).
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "tempo/compile.hpp"

namespace tempo::fuzz {

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FINDING: %s\n", what.c_str());
  std::abort();
}

// Equal as bits: NaN equals NaN, 0 and -0 differ.
inline bool same(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// A context value: absent, ordinary, or one at an edge.
inline std::optional<double> context_value(FuzzedDataProvider& in) {
  static const double values[] = {1,
                                  10,
                                  100,
                                  1000,
                                  100000,
                                  1e6,
                                  1e9,
                                  0.5,
                                  7,
                                  2.5e15,
                                  9007199254740992.0,
                                  1e300,
                                  -1,
                                  0,
                                  std::numeric_limits<double>::infinity(),
                                  std::numeric_limits<double>::quiet_NaN()};
  const auto pick = in.ConsumeIntegralInRange<unsigned>(0, 2 * std::size(values));
  if (pick >= std::size(values)) return std::nullopt;  // half the time: not given
  return values[pick];
}

inline Options options_from(FuzzedDataProvider& in) {
  Options options;
  options.total = context_value(in);
  if (in.ConsumeBool()) options.steps_per_epoch = context_value(in);
  if (in.ConsumeBool()) options.tokens_per_step = context_value(in);
  return options;
}

// Steps worth trying on a schedule: its phase boundaries and their neighbours, and the edges
// of double precision.
inline std::vector<double> steps_of(const Schedule& s) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<double> steps = {0,
                               -0.0,
                               -1,
                               -1e300,
                               1e-300,
                               0.5,
                               1,
                               2,
                               3,
                               10,
                               99.5,
                               1e6,
                               1e15,
                               2e15,
                               9007199254740992.0,
                               9007199254740994.0,
                               1e300,
                               std::numeric_limits<double>::max(),
                               inf,
                               -inf,
                               std::numeric_limits<double>::quiet_NaN()};
  for (const auto& row : s.phases()) {
    for (double at : {row.start, row.end}) {
      if (!std::isfinite(at)) continue;
      for (double d : {-1.0, -0.5, 0.0, 0.5, 1.0}) steps.push_back(at + d);
      steps.push_back(std::nextafter(at, -inf));
      steps.push_back(std::nextafter(at, inf));
    }
  }
  return steps;
}

// The values of `a` and `b` at every step of `a`, as bits, or the first step where they differ.
inline std::optional<double> first_difference(const Schedule& a, const Schedule& b) {
  for (double step : steps_of(a)) {
    if (!same(a(step), b(step))) return step;
  }
  return std::nullopt;
}

}  // namespace tempo::fuzz
