// `tempo fmt` without loss. The parser gives each statement's span; what lies between statements
// (comments, blank lines, imports, `;`) is copied, and each expression is re-spaced token by
// token. Working on tokens rather than re-printing the syntax tree keeps every parenthesis and
// every comment where the user put it, so the output parses to the same tree by construction.
#include "layout_format.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace tempo {
namespace {

enum class Token { number, identifier, symbol, comment, line_end };

struct Lexeme {
  Token kind;
  std::string_view text;
  std::string_view before;  // the blanks between the previous lexeme and this one
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// The expression's tokens, or nullopt for a character the language has no token for (a form a
// later grammar adds): such an expression is kept as written rather than guessed at.
std::optional<std::vector<Lexeme>> lex(std::string_view text) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  // The grammar's line end is `\n` or `\r\n`; a `\r` on its own is a blank inside brackets and
  // part of a comment, as there.
  const auto line_end_at = [&](std::size_t k) {
    return text[k] == '\n' || (text[k] == '\r' && k + 1 < text.size() && text[k + 1] == '\n');
  };
  while (i < text.size()) {
    const std::size_t blank = i;
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || (text[i] == '\r' && !line_end_at(i)))) {
      ++i;
    }
    const std::string_view before = text.substr(blank, i - blank);
    if (i == text.size()) break;
    const std::size_t start = i;
    const char c = text[i];
    Token kind = Token::symbol;
    if (line_end_at(i)) {
      kind = Token::line_end;
      i += c == '\r' ? 2 : 1;
    } else if (c == '#') {
      kind = Token::comment;
      while (i < text.size() && !line_end_at(i)) ++i;
    } else if (is_digit(c) || (c == '.' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      // Digits, '_', '.', an exponent with its sign, a magnitude or '%': one number token.
      kind = Token::number;
      for (++i; i < text.size(); ++i) {
        const char d = text[i];
        const bool exponent_sign = (d == '+' || d == '-') &&
                                   (text[i - 1] == 'e' || text[i - 1] == 'E') &&
                                   i + 1 < text.size() && is_digit(text[i + 1]);
        if (!is_word(d) && d != '.' && d != '%' && !exponent_sign) break;
      }
    } else if (is_word(c)) {
      kind = Token::identifier;
      while (i < text.size() && is_word(text[i])) ++i;
    } else if (c == '>' && i + 1 < text.size() && text[i + 1] == '>') {
      i += 2;
    } else if (std::string_view("()[],=+-*/^").find(c) != std::string_view::npos) {
      ++i;
    } else {
      return std::nullopt;
    }
    out.push_back({kind, text.substr(start, i - start), before});
  }
  return out;
}

bool is(const Lexeme& t, std::string_view symbol) {
  return t.kind == Token::symbol && t.text == symbol;
}
bool is_binary_operator(const Lexeme& t) {
  return is(t, "+") || is(t, "-") || is(t, "*") || is(t, "/") || is(t, ">>");
}

// The spacing of LANGUAGE.md's own examples (and of the canonical source): ` >> `, ` + `, `, `,
// `2^-1`, `-x`, `f(x)`, `name=value`, `3 ep`. `unary` tells whether a `-` negates.
std::string_view separator(const Lexeme& previous, bool previous_unary, const Lexeme& next,
                           bool next_unary) {
  if (is(next, ",") || is(next, ")") || is(next, "]")) return "";
  if (is(previous, "(") || is(previous, "[")) return "";
  if (is(previous, ",")) return " ";
  if ((is_binary_operator(previous) && !previous_unary) ||
      (is_binary_operator(next) && !next_unary)) {
    return " ";
  }
  if (is(previous, "^") || is(next, "^") || previous_unary) return "";
  if (is(previous, "=") || is(next, "=") || is(next, "(")) return "";
  if (previous.kind == Token::number && next.kind == Token::identifier) return " ";  // a unit
  return next.before.empty() ? "" : " ";
}

// A `-` negates when nothing that ends an operand comes before it.
bool negates(const Lexeme* previous) {
  return !previous ||
         (previous->kind == Token::symbol && !is(*previous, ")") && !is(*previous, "]"));
}

// The blanks between a binding's name and its value: the spaces before `=` are kept (they align
// a block of bindings), one space follows it unless the value starts on a later line.
std::string binding_equals(std::string_view gap) {
  const std::size_t eq = gap.find('=');
  const std::string_view before = gap.substr(0, eq), after = gap.substr(eq + 1);
  std::string out = before.empty() ? " " : std::string(before);
  out += '=';
  if (after.find_first_of("#\n\r") == std::string_view::npos) return out + ' ';
  if (after.front() == '#') out += ' ';
  return out + std::string(after);
}

// No blanks at the end of a line; the text ends with one line end: `\r\n` if the trimmed text
// has one or the source ended with one, else `\n`. Deciding on the trimmed text keeps this
// idempotent: trimming `\r\t\n` makes a `\r\n` that the next run would otherwise see first.
std::string trim_line_ends(const std::string& text) {
  std::string out, blanks;  // blanks seen and not yet written
  out.reserve(text.size() + 1);
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      blanks += c;
      continue;
    }
    if (c != '\n' && c != '\r') out += blanks;
    blanks.clear();
    out += c;
  }
  while (!out.empty() && std::string_view(" \t\r\n").find(out.back()) != std::string::npos) {
    out.pop_back();
  }
  const std::size_t last = text.rfind('\n');
  const bool ended_crlf = last != std::string::npos && last > 0 && text[last - 1] == '\r';
  return out + (ended_crlf || out.find("\r\n") != std::string::npos ? "\r\n" : "\n");
}

// What lies between two statements: comments, blank lines and imports as written; two
// statements on one line are joined by `; `.
std::string between(std::string_view gap) {
  if (gap.find_first_not_of(" \t;") == std::string_view::npos &&
      std::count(gap.begin(), gap.end(), ';') == 1) {
    return "; ";
  }
  return std::string(gap);
}

}  // namespace

std::string layout_expression(std::string_view text) {
  const auto tokens = lex(text);
  if (!tokens) return std::string(text);
  std::string out;
  const Lexeme* previous = nullptr;  // the last token that is neither a comment nor a line end
  bool previous_unary = false, line_start = false;
  for (const Lexeme& t : *tokens) {
    if (t.kind == Token::line_end) {
      out += t.text;
      line_start = true;
      continue;
    }
    if (t.kind == Token::comment) {
      // A comment keeps its column (trailing comments are often aligned), one space at least.
      out += line_start || !t.before.empty() ? t.before : " ";
      out += t.text;
      continue;
    }
    const bool unary = is(t, "-") && negates(previous);
    if (line_start) {
      out += t.before;  // a continuation line keeps its indentation
    } else if (previous) {
      out += separator(*previous, previous_unary, t, unary);
    }
    out += t.text;
    previous = &t;
    previous_unary = unary;
    line_start = false;
  }
  return out;
}

std::string layout_source(const ast::Module& module) {
  const std::string_view text = module.file->text();
  std::string out;
  std::size_t at = 0;
  for (const ast::Statement& s : module.statements) {
    const ast::Node& value = module[s.value];
    const std::size_t begin = s.name.empty() ? value.begin : s.name_begin;
    out += between(text.substr(at, begin - at));
    if (!s.name.empty()) {
      out += s.name;
      out += binding_equals(text.substr(s.name_end, value.begin - s.name_end));
    }
    out += layout_expression(text.substr(value.begin, value.end - value.begin));
    at = value.end;
  }
  out += text.substr(at);
  return trim_line_ends(out);
}

}  // namespace tempo
