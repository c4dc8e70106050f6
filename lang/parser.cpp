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
#include "limits.hpp"

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
  }
};

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

// The sentence for each rule whose failure is an error (nullptr: failure just backtracks).
template <typename Rule>
inline constexpr const char* message = nullptr;
template <>
inline constexpr const char* message<g::expect_expression> = "expected an expression";
template <>
inline constexpr const char* message<g::expect_unary> = "expected an expression";
template <>
inline constexpr const char* message<g::negated_operand> = "expected an expression";
template <>
inline constexpr const char* message<g::exponent_operand> = "expected an expression";
template <>
inline constexpr const char* message<g::expect_product> = "expected an expression";
template <>
inline constexpr const char* message<g::expect_sum> = "expected an expression";
template <>
inline constexpr const char* message<g::expect_argument> = "expected an argument";
template <>
inline constexpr const char* message<g::expect_list_item> = "expected a list item";
template <>
inline constexpr const char* message<g::call_close> = "expected `,` or `)` to close the call";
template <>
inline constexpr const char* message<g::list_close> = "expected `,` or `]` to close the list";
template <>
inline constexpr const char* message<g::paren_close> = "expected `)` to close `(`";
template <>
inline constexpr const char* message<g::number_end> = "a number cannot run into letters";
template <>
inline constexpr const char* message<g::statement_end> =
    "expected an operator, `;` or the end of the line";
template <>
inline constexpr const char* message<g::file_end> = "expected a binding or an expression";
template <>
inline constexpr const char* message<g::import_path> = "expected a quoted path after `import`";

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

struct syntax_error {
  std::string message;
  std::size_t byte;
};

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
  static void failure(const Input& in, Builder& b) {
    if constexpr (nests<Rule>) --b.depth;
    if constexpr (message<Rule> != nullptr) raise(in, b);
  }
  template <typename Input>
  [[noreturn]] static void raise(const Input& in, Builder&) {
    std::string text = message<Rule> ? message<Rule> : "syntax error";
    throw syntax_error{fmt::format("{}, found {}", text, describe_next(in)), in.byte()};
  }
};

// A hint for the common slips, keyed on what was expected and what was found.
std::string hint_for(std::string_view message) {
  if (message.starts_with("expected `,` or `)`")) return "arguments are separated by commas";
  if (message.starts_with("a number cannot run into letters")) {
    return "put a space before a unit (`3 ep`, `375M tok`); the magnitudes are k, M, B and T";
  }
  if (message.starts_with("expected an operator")) {
    return "phases are joined with `>>`; one binding or expression per line";
  }
  if (message.starts_with("expected a binding")) {
    return "a line holds `name = expression` or an expression";
  }
  return {};
}

}  // namespace

Module parse(std::shared_ptr<const SourceFile> file, std::vector<Diagnostic>& diagnostics) {
  Module module;
  module.file = file;
  const std::string& text = file->text();
  Builder builder(module, text.data());
  std::size_t resume = 0;
  while (true) {
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
           e.message, hint_for(e.message)});
      error_byte = e.byte;
    } catch (const fatal_error& e) {
      diagnostics.push_back(
          {module.span(static_cast<std::uint32_t>(e.byte), static_cast<std::uint32_t>(e.byte + 1)),
           e.message, ""});
      return module;
    }
    // Resume after the statement that failed: past the next line end or `;`.
    builder.stack.clear();
    builder.operators.clear();
    builder.argument_names.clear();
    builder.pending.reset();
    builder.depth = 0;
    const std::size_t next = text.find_first_of("\n;", error_byte);
    if (next == std::string::npos) return module;
    resume = next + 1;
  }
}

}  // namespace tempo::ast
