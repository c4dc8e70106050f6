// The PEGTL actions: each grammar rule that matched becomes syntax nodes on the Builder's stack
// (grammar.hpp has the rules; parse_builder.hpp the stack).
#pragma once

#include <string>
#include <utility>

#include "parse_builder.hpp"

namespace tempo::ast::parsing {

namespace pegtl = tao::pegtl;
namespace g = tempo::grammar;

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::number> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.push(number_node(in.string_view(), b.offset(in.begin())));
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
    b.argument(std::move(argument));
  }
};

template <>
struct action<g::positional_argument> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    const NodeId value = b.pop();
    b.argument({"", 0, 0, value});
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

}  // namespace tempo::ast::parsing
