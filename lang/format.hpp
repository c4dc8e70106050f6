// Printing back to source, with the precedence of LANGUAGE.md §6 and only the parentheses the
// user wrote or precedence needs.
#pragma once

#include <string>

#include "ast.hpp"
#include "ir.hpp"

namespace tempo {

// The canonical source of a resolved schedule: bindings substituted, spacing normalised. With the
// same context it compiles to the identical schedule.
std::string canonical(const ir::Node& root);

// An expression as written, names kept, spacing normalised (`tempo fmt`).
std::string format_expression(const ast::Module& module, ast::NodeId id);

}  // namespace tempo
