// Canonical source: an expression printed back with normalised spacing, bindings substituted
// (so the text stands alone) and only the parentheses the user wrote or precedence needs.
#pragma once

#include <string>

#include "compiler.hpp"

namespace tempo::compiler {

std::string canonical(Expr e, const std::map<std::string, Binding, std::less<>>& bindings);
// The same, keeping names as written (for `tempo fmt`).
std::string canonical(Expr e);

}  // namespace tempo::compiler
