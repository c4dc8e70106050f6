// The value of an operation on constants, computed by the runtime itself, so that what the
// compiler folds is exactly what evaluation would give.
#pragma once

#include <vector>

#include "../runtime/make.hpp"

namespace tempo {

inline double apply_constant(detail::Op op, const std::vector<double>& operands,
                             const std::vector<double>& aux) {
  detail::Tree tree;
  std::vector<std::uint32_t> kids;
  for (double value : operands) kids.push_back(detail::make::constant(tree, value));
  return tree.value(detail::make::composite(tree, op, kids, aux), 0.0, 0.0);
}

}  // namespace tempo
