// A generated classification task: three interleaved spirals in the plane, with noise, from a
// fixed seed (its own generator, so the data is the same on every machine).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace trainer {

struct Example {
  std::array<double, 2> x;
  int label;
};

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  double uniform() {  // in (0, 1)
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return (static_cast<double>(state_ >> 11) + 0.5) / 9007199254740992.0;
  }
  double normal() {  // Box–Muller
    return std::sqrt(-2 * std::log(uniform())) * std::cos(2 * std::numbers::pi * uniform());
  }

 private:
  std::uint64_t state_;
};

inline std::vector<Example> spirals(int per_class, std::uint64_t seed) {
  Random random(seed);
  std::vector<Example> data;
  for (int c = 0; c < 3; ++c) {
    for (int i = 0; i < per_class; ++i) {
      const double r = static_cast<double>(i) / per_class;
      const double angle = 4.0 * r + c * 2.0 * std::numbers::pi / 3 + 0.2 * random.normal();
      data.push_back({{r * std::sin(angle), r * std::cos(angle)}, c});
    }
  }
  return data;
}

}  // namespace trainer
