// tempo::read_number: the grammar's own number rule decides what a literal is; the value is read
// here once for the parser (parse_builder.hpp) and for hosts (the CLI's options).
#include "tempo/number.hpp"

#include <charconv>
#include <cstdlib>
#include <string>

#include "grammar.hpp"
#include "number_text.hpp"

namespace tempo {

NumberLiteral detail::read_number_text(std::string_view text) {
  NumberLiteral literal;
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (c != '_') digits += c;
  }
  double scale = 1;
  switch (digits.back()) {
    case 'k':
      scale = 1e3;
      break;
    case 'M':
      scale = 1e6;
      break;
    case 'B':
      scale = 1e9;
      break;
    case 'T':
      scale = 1e12;
      break;
    case '%':
      literal.has_percent = true;
      break;
    default:  // a digit or `.`: the grammar allows nothing else at the end
      break;
  }
  literal.has_magnitude = scale != 1;
  if (literal.has_magnitude || literal.has_percent) digits.pop_back();
  literal.has_dot = digits.find('.') != std::string::npos;
  // from_chars rounds correctly, as strtod does, in a quarter of its time; out of range (1e400,
  // 1e-400) it leaves the value alone, and strtod gives the infinity or the denormal.
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    value = std::strtod(digits.c_str(), nullptr);
  }
  literal.value = value * scale;
  if (literal.has_percent) literal.value /= 100;
  return literal;
}

std::optional<NumberLiteral> read_number(std::string_view text) {
  namespace pegtl = tao::pegtl;
  pegtl::memory_input in(text.data(), text.size(), "number");
  if (!pegtl::parse<pegtl::seq<grammar::number_text, pegtl::eof>>(in)) return std::nullopt;
  return detail::read_number_text(text);
}

}  // namespace tempo
