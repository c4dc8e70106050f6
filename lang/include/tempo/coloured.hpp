// Diagnostics for a terminal: the text of render() with ANSI colours (fmt/color.h). The
// location and message bold, `error` red and `warning` magenta, the gutter blue, the caret green
// and the hint cyan. Hosts pick it when their stream is a terminal (the CLI: and NO_COLOR unset).
#pragma once

#include <string>
#include <vector>

#include "tempo/diagnostic.hpp"

namespace tempo {

std::string render_coloured(const Diagnostic& diagnostic);
std::string render_coloured(const std::vector<Diagnostic>& diagnostics);

}  // namespace tempo
