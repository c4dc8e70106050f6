// `tempo fmt`: the source as written, with only the spacing inside expressions normalised.
// Comments, blank lines, `import` lines, `;`, the alignment of `=` in a block of bindings and
// the line breaks and indentation of an expression continued over several lines are kept, so a
// config file keeps its layout and formatting twice changes nothing.
#pragma once

#include <string>
#include <string_view>

#include "ast.hpp"

namespace tempo {

// The formatted text of a module that parsed without errors.
std::string layout_source(const ast::Module& module);

// One expression's text, as a statement of the module holds it: tokens are kept as written and
// only the spaces between tokens on one line change. Text this printer does not know how to
// split into tokens is returned as written.
std::string layout_expression(std::string_view text);

}  // namespace tempo
