// Source text for Lua-built schedules; see expression.hpp.
#include "expression.hpp"

#include <fmt/format.h>

#include <cmath>

namespace tempo::lua {

std::string number_source(double value, bool is_integer) {
  if (!std::isfinite(value)) return {};
  if (is_integer) return fmt::format("{}", static_cast<long long>(value));
  std::string text = fmt::format("{}", value);  // shortest round-trip form
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

namespace {
std::string wrap(const Expression& e, int context) {
  return e.precedence < context ? "(" + e.source + ")" : e.source;
}
}  // namespace

Expression binary(const Expression& left, const char* op, const Expression& right, int precedence) {
  // Left-associative operators need parentheses around a right operand of equal strength.
  // `^` takes a primary on its left and may take a unary minus on its right (`2^-1`).
  const bool power = precedence == 5;
  const int left_context = power ? 6 : precedence;
  const int right_context = power ? 4 : precedence + 1;
  // Spaced like the canonical source: `a >> b`, `a * b`, but `a^b`.
  const char* space = power ? "" : " ";
  return {fmt::format("{}{}{}{}{}", wrap(left, left_context), space, op, space,
                      wrap(right, right_context)),
          precedence};
}

Expression negate(const Expression& operand) {
  return {fmt::format("-{}", wrap(operand, 4)), 4};
}

}  // namespace tempo::lua
