// The names an expression mentions: for the binding order check and for --set of a name.
#pragma once

#include <vector>

#include "ast.hpp"

namespace tempo {

// Every name an expression mentions, skipping curve's own variables inside its expression (the
// arguments whose parameter is of kind `expression`).
void names_in(const ast::Module& module, ast::NodeId id, std::vector<ast::NodeId>& out,
              bool in_curve = false);

}  // namespace tempo
