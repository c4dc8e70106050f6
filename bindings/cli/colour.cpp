#include "colour.hpp"

#include <fmt/format.h>

#include "command.hpp"
#include "tempo/coloured.hpp"

namespace tempo::cli {
namespace {

// A slot in every stream's word array, holding 1 when the stream is coloured.
int colour_slot() {
  static const int slot = std::ios_base::xalloc();
  return slot;
}

}  // namespace

ColourMode colour_mode(std::string_view value) {
  if (value == "auto") return ColourMode::automatic;
  if (value == "always") return ColourMode::always;
  if (value == "never") return ColourMode::never;
  throw UsageError{fmt::format("--color {}: not a colour mode", value),
                   "write --color=auto, --color=always or --color=never"};
}

bool colour_wanted(ColourMode mode, bool terminal, const char* no_color) {
  if (mode != ColourMode::automatic) return mode == ColourMode::always;
  return terminal && !(no_color && *no_color);
}

void set_colour(std::ostream& stream, bool on) {
  stream.iword(colour_slot()) = on ? 1 : 0;
}

bool colour_on(std::ostream& stream) {
  return stream.iword(colour_slot()) != 0;
}

void print_diagnostics(std::ostream& stream, const std::vector<Diagnostic>& diagnostics) {
  stream << (colour_on(stream) ? render_coloured(diagnostics) : render(diagnostics));
}

}  // namespace tempo::cli
