// Source text → syntax tree. The PEGTL grammar (grammar.hpp) drives; the actions below build the
// tree on a stack; the control turns a failed must-rule into a sentence in the user's words and
// enforces the nesting and size limits. After a syntax error, parsing resumes at the next
// statement, so one run reports the errors of every line.
#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "ast.hpp"
#include "grammar.hpp"
#include "tempo/limits.hpp"

namespace tempo::ast {
namespace {

namespace pegtl = tao::pegtl;
namespace g = tempo::grammar;

// Thrown for a limit that ends parsing altogether (no resumption).
struct fatal_error {
  std::string message;
  std::size_t byte;
};

struct Builder {
  Builder(Module& m, const char* b) : module(m), base(b) {}

  Module& module;
  const char* base;  // start of the whole source: spans are offsets from here
  std::vector<NodeId> stack;
  std::vector<char> operators;
  std::vector<Argument> argument_names;
  std::optional<Statement> pending;
  Statement binding;
  std::size_t depth = 0;
  std::vector<std::pair<char, std::uint32_t>> open;  // brackets not closed yet: kind, offset

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base); }

  NodeId add(Node node) {
    if (module.nodes.size() >= limits::max_syntax_nodes) {
      throw fatal_error{
          fmt::format("the source has more than {} syntax nodes", limits::max_syntax_nodes),
          node.begin};
    }
    module.nodes.push_back(std::move(node));
    return static_cast<NodeId>(module.nodes.size() - 1);
  }
  NodeId push(Node node) {
    const NodeId id = add(std::move(node));
    stack.push_back(id);
    return id;
  }
  NodeId pop() {
    const NodeId id = stack.back();
    stack.pop_back();
    return id;
  }
  Node& top() { return module.nodes[stack.back()]; }

  // Joins `lhs op rhs` into an n-ary chain of `kind`: a >> b >> c is one sequence node, so long
  // chains never make deep trees.
  void chain(Kind kind, char op) {
    const NodeId rhs = pop();
    const NodeId lhs = stack.back();
    Node& left = module.nodes[lhs];
    if (left.kind == kind && !left.parenthesized) {
      left.items.push_back(rhs);
      left.ops.push_back(op);
      left.end = module.nodes[rhs].end;
      return;
    }
    Node node;
    node.kind = kind;
    node.begin = left.begin;
    node.end = module.nodes[rhs].end;
    node.items = {lhs, rhs};
    node.ops = {kind == Kind::product ? '*' : '+', op};
    stack.back() = add(std::move(node));
  }
};

// Reads a number token: digits with '_', optional fraction and exponent, then k/M/B or %.
Node read_number(std::string_view text, std::uint32_t begin) {
  Node node;
  node.kind = Kind::number;
  node.begin = begin;
  node.end = begin + static_cast<std::uint32_t>(text.size());
  node.literal_begin = node.begin;
  node.literal_end = node.end;
  std::string digits;
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
      node.has_percent = true;
      break;
    default:
      break;
  }
  node.has_magnitude = scale != 1;
  if (node.has_magnitude || node.has_percent) digits.pop_back();
  node.has_dot = digits.find('.') != std::string::npos;
  node.number = std::strtod(digits.c_str(), nullptr) * scale;
  if (node.has_percent) node.number /= 100;
  return node;
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::number> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.push(read_number(in.string_view(), b.offset(in.begin())));
  }
};

template <>
struct action<g::unit> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    const std::string_view word = in.string_view();
    Node& number = b.top();
    number.unit = word == "ep" ? Unit::epochs : word == "tok" ? Unit::tokens : Unit::steps;
    number.end = b.offset(in.end());
  }
};

template <>
struct action<g::boolean> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    Node node;
    node.kind = Kind::boolean;
    node.truth = in.string_view() == "true";
    node.begin = b.offset(in.begin());
    node.end = b.offset(in.end());
    b.push(std::move(node));
  }
};

template <>
struct action<g::name_reference> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    Node node;
    node.kind = Kind::name;
    node.name = in.string();
    node.begin = b.offset(in.begin());
    node.end = node.name_end = b.offset(in.end());
    b.push(std::move(node));
  }
};

template <>
struct action<g::call_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    Node node;
    node.kind = Kind::call;
    node.name = in.string();
    node.begin = b.offset(in.begin());
    node.end = node.name_end = b.offset(in.end());
    b.push(std::move(node));
  }
};

template <>
struct action<g::argument_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.argument_names.push_back({in.string(), b.offset(in.begin()), b.offset(in.end()), 0});
  }
};

template <>
struct action<g::named_argument> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    Argument argument = std::move(b.argument_names.back());
    b.argument_names.pop_back();
    argument.value = b.pop();
    b.top().args.push_back(std::move(argument));
  }
};

template <>
struct action<g::positional_argument> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    const NodeId value = b.pop();
    b.top().args.push_back({"", 0, 0, value});
  }
};

template <>
struct action<g::call> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.top().end = b.offset(in.end());
  }
};

template <>
struct action<g::list_open> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    Node node;
    node.kind = Kind::list;
    node.begin = b.offset(in.begin());
    b.push(std::move(node));
    b.open.emplace_back('[', b.offset(in.begin()));
  }
};

// Open brackets are remembered, so that one never closed is pointed at where it opens.
template <>
struct action<g::call_open> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.open.emplace_back('c', b.offset(in.begin()));
  }
};
template <>
struct action<g::paren_open> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.open.emplace_back('(', b.offset(in.begin()));
  }
};
template <typename Input>
void close_bracket(const Input&, Builder& b) {
  b.open.pop_back();
}
template <>
struct action<g::call_close> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    close_bracket(in, b);
  }
};
template <>
struct action<g::paren_close> : action<g::call_close> {};
template <>
struct action<g::list_close> : action<g::call_close> {};

template <>
struct action<g::list_item> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    const NodeId value = b.pop();
    b.top().items.push_back(value);
  }
};

template <>
struct action<g::list> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.top().end = b.offset(in.end());
  }
};

// The parentheses become part of the span: `(a >> b)` is shown and printed whole.
template <>
struct action<g::parenthesized> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    Node& node = b.top();
    node.parenthesized = true;
    node.begin = b.offset(in.begin());
    node.end = b.offset(in.end());
  }
};

template <>
struct action<g::negation> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    Node node;
    node.kind = Kind::negate;
    node.begin = b.offset(in.begin());
    node.end = b.offset(in.end());
    node.items = {b.pop()};
    b.push(std::move(node));
  }
};

template <>
struct action<g::power_tail> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    const NodeId rhs = b.pop();
    const NodeId lhs = b.pop();
    Node node;
    node.kind = Kind::power;
    node.begin = b.module.nodes[lhs].begin;
    node.end = b.module.nodes[rhs].end;
    node.items = {lhs, rhs};
    b.push(std::move(node));
  }
};

template <>
struct action<g::product_operator> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.operators.push_back(in.peek_char());
  }
};
template <>
struct action<g::sum_operator> : action<g::product_operator> {};

template <>
struct action<g::product_tail> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    const char op = b.operators.back();
    b.operators.pop_back();
    b.chain(Kind::product, op);
  }
};

template <>
struct action<g::sum_tail> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    const char op = b.operators.back();
    b.operators.pop_back();
    b.chain(Kind::sum, op);
  }
};

template <>
struct action<g::sequence_tail> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    b.chain(Kind::sequence, '>');
  }
};

template <>
struct action<g::binding_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.binding = Statement{in.string(), b.offset(in.begin()), b.offset(in.end()), 0};
  }
};

template <>
struct action<g::binding> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    b.binding.value = b.pop();
    b.pending = b.binding;
  }
};

template <>
struct action<g::bare_expression> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    b.pending = Statement{"", 0, 0, b.pop()};
  }
};

template <>
struct action<g::import_path> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    const std::string_view text = in.string_view();
    b.module.imports.push_back(
        {std::string(text.substr(1, text.size() - 2)), b.offset(in.begin()), b.offset(in.end())});
  }
};

template <>
struct action<g::import_statement> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    b.pending.reset();  // an import binds nothing
  }
};

// A statement counts only once it is properly ended, so a half-parsed line leaves nothing behind.
template <>
struct action<g::statement_end> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    if (b.pending) b.module.statements.push_back(std::move(*b.pending));
    b.pending.reset();
  }
};

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

}  // namespace

Module parse(std::shared_ptr<const SourceFile> file, std::vector<Diagnostic>& diagnostics) {
  Module module;
  module.file = file;
  const std::string& text = file->text();
  std::size_t resume = 0;
  while (true) {
    Builder builder(module, text.data());  // a statement that failed leaves nothing behind
    const std::uint32_t at = static_cast<std::uint32_t>(resume);
    pegtl::memory_input<> in(text.data() + resume, text.data() + text.size(), file->name(), resume,
                             file->line_of(at), file->column_of(at));
    std::size_t error_byte = 0;
    try {
      pegtl::parse<g::file, action, control>(in, builder);
      return module;
    } catch (const syntax_error& e) {
      diagnostics.push_back(
          {module.span(static_cast<std::uint32_t>(e.byte), static_cast<std::uint32_t>(e.byte + 1)),
           e.message, e.hint});
      error_byte = e.byte;
    } catch (const fatal_error& e) {
      diagnostics.push_back(
          {module.span(static_cast<std::uint32_t>(e.byte), static_cast<std::uint32_t>(e.byte + 1)),
           e.message, ""});
      return module;
    }
    // Resume after the statement that failed: past the next line end or `;`.
    const std::size_t next = text.find_first_of("\n;", error_byte);
    if (next == std::string::npos) return module;
    resume = next + 1;
  }
}

}  // namespace tempo::ast
