// The schedule shapes of issue 11, each with its hand-written C++ baseline: the same formula
// with run-time parameters (read from a global the optimiser cannot see through), called out of
// line, as a trainer would write it. bench/shapes_bench.cpp times both; count_instructions.cpp
// counts their instructions under callgrind. Every pair is checked equal (1e-12) before use.
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace bench {

struct Shape {
  std::string name;
  std::string source;
  double total;
  double (*handwritten)(double step);
  // The hand-written loop per phase over consecutive steps from 0; null when none was written.
  void (*handwritten_fill)(double* out, std::size_t count) = nullptr;
};

std::span<const Shape> shapes();
const Shape* find_shape(const std::string& name);

}  // namespace bench
