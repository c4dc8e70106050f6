// The PEGTL control: nesting limits on the rules that nest, and what a failed commit point
// (`must<Rule>` in grammar.hpp) says — a slip users make, a bracket never closed, or the rule's
// own message and hint from one table.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "parse_builder.hpp"

namespace tempo::ast::parsing {

namespace pegtl = tao::pegtl;
namespace g = tempo::grammar;

// What the next character looks like to a user, for "unexpected ..." messages.
template <typename Input>
std::string describe_next(const Input& in) {
  if (in.empty()) return "the end of the source";
  const char c = in.peek_char();
  const auto* p = in.current();
  // Lines end with LF or CRLF (LANGUAGE.md §2); a CR alone is not a line end.
  if (c == '\n' || (c == '\r' && in.size(2) >= 2 && p[1] == '\n')) return "the end of the line";
  if (c == '\r') return "a carriage return without a line feed";
  std::size_t n = 1;
  if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
    while (n < in.size(64) && (std::isalnum(static_cast<unsigned char>(p[n])) || p[n] == '_')) ++n;
  } else if (static_cast<unsigned char>(c) >= 0x80) {
    while (n < in.size(4) && (static_cast<unsigned char>(p[n]) & 0xC0) == 0x80) ++n;
  }
  return fmt::format("`{}`", std::string_view(p, n));
}

// What each commit point (`must<Rule>` in grammar.hpp) says when it fails, and what to do.
struct ErrorText {
  std::string_view message;
  std::string_view hint;
};
template <typename Rule>
inline constexpr ErrorText error_text = {"syntax error", ""};
inline constexpr ErrorText expression_expected = {"expected an expression", ""};
template <>
inline constexpr ErrorText error_text<g::expression> = expression_expected;
template <>
inline constexpr ErrorText error_text<g::unary> = expression_expected;
template <>
inline constexpr ErrorText error_text<g::product> = expression_expected;
template <>
inline constexpr ErrorText error_text<g::sum> = expression_expected;
template <>
inline constexpr ErrorText error_text<g::negated_operand> = expression_expected;
template <>
inline constexpr ErrorText error_text<g::exponent_operand> = expression_expected;
template <>
inline constexpr ErrorText error_text<g::argument> = {"expected an argument", ""};
template <>
inline constexpr ErrorText error_text<g::list_item> = {"expected a list item", ""};
template <>
inline constexpr ErrorText error_text<g::call_close> = {"expected `,` or `)` to close the call",
                                                        "arguments are separated by commas"};
template <>
inline constexpr ErrorText error_text<g::list_close> = {"expected `,` or `]` to close the list",
                                                        "list items are separated by commas"};
template <>
inline constexpr ErrorText error_text<g::paren_close> = {"expected `)` to close `(`", ""};
template <>
inline constexpr ErrorText error_text<g::number_end> = {
    "a number cannot run into letters",
    "put a space before a unit (`3 ep`, `375M tok`); the magnitudes are k, M, B and T"};
template <>
inline constexpr ErrorText error_text<g::statement_end> = {
    "expected an operator, `;` or the end of the line",
    "phases are joined with `>>`; one binding or expression per line"};
template <>
inline constexpr ErrorText error_text<g::file_end> = {
    "expected a binding or an expression", "a line holds `name = expression` or an expression"};
template <>
inline constexpr ErrorText error_text<g::import_path> = {"expected a quoted path after `import`",
                                                         "e.g. import \"shapes.lua\""};

template <typename Rule>
inline constexpr bool expects_expression = error_text<Rule>.message == expression_expected.message;
template <typename Rule>
inline constexpr bool closes =
    std::is_same_v<Rule, g::call_close> || std::is_same_v<Rule, g::paren_close> ||
    std::is_same_v<Rule, g::list_close>;

struct syntax_error {
  std::string message;
  std::string hint;
  std::size_t byte;
};

// The slips users make, recognised where a commit point fails: what was found, and what came
// just before it. Each says what is wrong and what to write.
class Slips {
 public:
  Slips(std::string_view text, std::size_t at) : text_(text), at_(at) {}

  std::optional<syntax_error> find(bool in_expression, bool after_line) const {
    const std::string_view next = text_.substr(at_);
    const std::size_t back = last_before();
    const char previous = back == npos ? '\0' : text_[back];
    if (in_expression && next.starts_with("*") && previous == '*') {
      return at(back, "`**` is not an operator", "powers are written with `^`, as in 2^10");
    }
    if (in_expression && next.starts_with(">") && previous == '-') {
      return at(back, "`->` is not an operator", "phases are joined with `>>`");
    }
    if (next.starts_with("\"") || next.starts_with("'")) {
      return at(at_, "Tempo has no strings",
                "choices are bare names, as in shape=cosine; only `import` takes a quoted path");
    }
    if (after_line && next.starts_with(":")) {
      return at(at_, "a binding is written with `=`, not `:`", "e.g. total = 100_000");
    }
    if (after_line && next.starts_with(",") && std::isdigit(uchar(previous)) && next.size() > 3 &&
        std::isdigit(uchar(next[1]))) {
      return at(at_, "a number cannot be grouped with `,`",
                "group digits with `_`, as in 100_000 (or write 100k)");
    }
    if (after_line) {
      const std::string_view word = next.substr(0, next.find_first_not_of(identifier_chars));
      for (std::string_view unit :
           {"epochs", "epoch", "eps", "tokens", "token", "toks", "step", "iters", "iterations"}) {
        if (word == unit && (std::isdigit(uchar(previous)) || is_magnitude(previous))) {
          return at(at_, fmt::format("`{}` is not a unit", word),
                    "the units are `ep`, `tok` and `steps`, as in 3 ep or 375M tok");
        }
      }
    }
    return std::nullopt;
  }

  // A line that starts with `>>` continues nothing: the line before it has ended.
  std::optional<syntax_error> continuation() const {
    if (!text_.substr(at_).starts_with(">>")) return std::nullopt;
    return at(at_, "a line cannot start with `>>`",
              "to continue an expression on the next line, end the line before with `>>`");
  }

  // The offset of the last character before the failure that is not blank (or a comment).
  std::size_t last_before() const {
    std::size_t i = at_;
    while (i > 0) {
      const std::size_t line = text_.rfind('\n', i - 1);
      const std::size_t begin = line == npos ? 0 : line + 1;
      const std::size_t hash = text_.find('#', begin);
      std::size_t end = hash != npos && hash < i ? hash : i;
      while (end > begin && std::isspace(uchar(text_[end - 1]))) --end;
      if (end > begin) return end - 1;
      if (begin == 0) return npos;
      i = begin - 1;
    }
    return npos;
  }

 private:
  static constexpr std::size_t npos = std::string_view::npos;
  static constexpr std::string_view identifier_chars =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  static unsigned char uchar(char c) { return static_cast<unsigned char>(c); }
  static bool is_magnitude(char c) { return c == 'k' || c == 'M' || c == 'B' || c == 'T'; }
  static syntax_error at(std::size_t byte, std::string message, std::string hint) {
    return {std::move(message), std::move(hint), byte};
  }

  std::string_view text_;
  std::size_t at_;
};

// Rules that nest: each level counts toward limits::max_nesting.
template <typename Rule>
inline constexpr bool nests = false;
template <>
inline constexpr bool nests<g::parenthesized_body> = true;
template <>
inline constexpr bool nests<g::call_arguments> = true;
template <>
inline constexpr bool nests<g::list_items> = true;
template <>
inline constexpr bool nests<g::negated_operand> = true;
template <>
inline constexpr bool nests<g::exponent_operand> = true;

template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename Input>
  static void start(const Input& in, Builder& b) {
    if constexpr (nests<Rule>) {
      if (++b.depth > limits::max_nesting) {
        throw fatal_error{fmt::format("nesting deeper than {} levels", limits::max_nesting),
                          in.byte()};
      }
    }
  }
  template <typename Input>
  static void success(const Input&, Builder& b) {
    if constexpr (nests<Rule>) --b.depth;
  }
  template <typename Input>
  static void failure(const Input&, Builder& b) {
    if constexpr (nests<Rule>) --b.depth;
  }
  // Called by `must<Rule>` when Rule fails: a slip the user made, a bracket never closed, or the
  // rule's own message.
  template <typename Input>
  [[noreturn]] static void raise(const Input& in, Builder& b) {
    const std::string_view text(b.base, static_cast<std::size_t>(in.end() - b.base));
    const Slips slips(text, in.byte());
    constexpr bool after_line = std::is_same_v<Rule, g::statement_end> || closes<Rule>;
    if (auto slip = slips.find(expects_expression<Rule>, after_line)) throw *slip;
    if constexpr (std::is_same_v<Rule, g::file_end>) {
      if (auto slip = slips.continuation()) throw *slip;
    }
    const ErrorText error = error_text<Rule>;
    if (in.empty() && closes<Rule> && !b.open.empty()) {
      const auto [kind, offset] = b.open.back();
      throw syntax_error{kind == 'c'   ? "this call is never closed: `)` is missing"
                         : kind == '[' ? "this `[` is never closed"
                                       : "this `(` is never closed",
                         kind == '[' ? "add `]` after the last item" : "add `)`", offset};
    }
    if (in.empty() && expects_expression<Rule>) {
      // Point at what is waiting for its operand, not past the end of the source.
      const std::size_t back = slips.last_before();
      if (back != std::string_view::npos) {
        const bool shift = text[back] == '>' && back > 0 && text[back - 1] == '>';
        const std::size_t from = shift ? back - 1 : back;
        throw syntax_error{fmt::format("expected an expression after `{}`, found the end of "
                                       "the source",
                                       text.substr(from, back + 1 - from)),
                           "", from};
      }
    }
    throw syntax_error{fmt::format("{}, found {}", error.message, describe_next(in)),
                       std::string(error.hint), in.byte()};
  }
};

}  // namespace tempo::ast::parsing
