// The value of an operation on constants, computed by the runtime itself, so that what the
// compiler folds is exactly what evaluation would give.
#pragma once

#include <vector>

#include "../runtime/tree.hpp"

namespace tempo {

inline double apply_constant(detail::Op op, const std::vector<double>& operands,
                             const std::vector<double>& aux) {
  detail::Tree tree;
  std::vector<std::uint32_t> kids;
  for (double value : operands) {
    detail::Node constant;
    constant.op = detail::Op::constant;
    constant.c0 = constant.end = value;
    kids.push_back(tree.add(constant));
  }
  detail::Node node;
  node.op = op;
  return tree.value(tree.add(node, kids, aux), 0.0, 0.0);
}

}  // namespace tempo
