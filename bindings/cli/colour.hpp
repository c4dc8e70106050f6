// Colour on the command line: --color=auto|always|never, NO_COLOR (https://no-color.org) and
// whether a stream is a terminal decide it once per run; the choice travels with the stream.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "tempo/diagnostic.hpp"

namespace tempo::cli {

enum class ColourMode { automatic, always, never };
// The values of --color, as the bash completion offers them.
inline constexpr std::string_view colour_modes[] = {"auto", "always", "never"};

// `auto`, `always` or `never` (the value of --color); throws UsageError otherwise.
ColourMode colour_mode(std::string_view value);

// always and never are what they say (a flag overrides NO_COLOR); auto colours a terminal
// unless NO_COLOR is set to a non-empty value.
bool colour_wanted(ColourMode mode, bool terminal, const char* no_color);

void set_colour(std::ostream& stream, bool on);
bool colour_on(std::ostream& stream);

// The diagnostics as render() writes them, coloured when the stream is.
void print_diagnostics(std::ostream& stream, const std::vector<Diagnostic>& diagnostics);

}  // namespace tempo::cli
