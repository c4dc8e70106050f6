// tempo::read_number: a Tempo number literal (LANGUAGE.md §2) read outside a source, so that a
// host's own options take `2k`, `1e-3`, `100_000` and `90%` exactly as the language reads them.
#pragma once

#include <optional>
#include <string_view>

namespace tempo {

struct NumberLiteral {
  double value = 0;            // `2k` is 2000, `90%` is 0.9; may be +infinity (`1e400`)
  bool has_dot = false;        // a fraction point is written: `0.5`, `1.`, `.5`
  bool has_percent = false;    // `90%`
  bool has_magnitude = false;  // a suffix k, M, B or T: `2k`, `375M`
};

// The literal that is the whole of `text`, or nullopt when `text` is not one: no sign, no
// spaces, no unit (`3 ep`), nothing after it.
std::optional<NumberLiteral> read_number(std::string_view text);

}  // namespace tempo
