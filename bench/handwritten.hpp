// The baseline every figure is a ratio to: the design-card schedule
// (warmup(2000) >> stable(0.9) >> cosine(min=0.1), total 100000) written by hand in C++, with
// run-time parameters and called out of line, as a trainer would write it.
#pragma once

#include <cstddef>

namespace bench {

struct DesignCard {
  double warmup = 2000, decay_start = 92000, total = 100000, min = 0.1;
};

double handwritten(const DesignCard& p, double step);
// The same, filled one phase at a time: the best a hand-written loop does.
void handwritten_fill(const DesignCard& p, double first, double* out, std::size_t count);

inline constexpr const char* design_card = "warmup(2000) >> stable(0.9) >> cosine(min=0.1)";

}  // namespace bench
