// Printing back to source, with the precedence of LANGUAGE.md §6 and only the parentheses the
// user wrote or precedence needs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ast.hpp"
#include "ir.hpp"

namespace tempo {

// The context the source itself set (`total = 100_000`, `tokens_per_step = 2048 * batch`): the
// host's values are not in it, since the host passes them again.
using ContextBindings = std::vector<std::pair<std::string_view, const ir::Node*>>;

// The canonical source of a resolved schedule: bindings substituted, spacing normalised, the
// source's own context bindings first. With the host's context it compiles to the identical
// schedule, on its own (no file around it).
std::string canonical(const ir::Node& root, const ContextBindings& context = {});

// An expression as written, names kept, spacing normalised (`tempo fmt`).
std::string format_expression(const ast::Module& module, ast::NodeId id);

}  // namespace tempo
