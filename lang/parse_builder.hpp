// The parser's state while it reads one statement: the syntax tree under construction (a stack of
// nodes, the operators and argument names waiting for their operands, the brackets not closed
// yet) and the number token reader. Only parser.cpp and its parse_*.hpp include this.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tao/pegtl.hpp>
#include <utility>
#include <vector>

#include "ast.hpp"
#include "grammar.hpp"
#include "number_text.hpp"
#include "tempo/limits.hpp"

namespace tempo::ast::parsing {

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

  NodeId add(Node&& node) {
    if (module.nodes.size() >= limits::max_syntax_nodes) {
      throw fatal_error{
          fmt::format("the source has more than {} syntax nodes", limits::max_syntax_nodes),
          node.begin};
    }
    module.nodes.push_back(std::move(node));
    return static_cast<NodeId>(module.nodes.size() - 1);
  }
  NodeId push(Node&& node) {
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
  // An argument of the call on top: room for four at the first, so most calls allocate once.
  void argument(Argument argument) {
    std::vector<Argument>& args = top().args;
    if (args.empty()) args.reserve(4);
    args.push_back(std::move(argument));
  }

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
    node.items.reserve(4);  // room for `a >> b >> c >> d` without growing
    node.ops.reserve(4);
    node.items = {lhs, rhs};
    node.ops = {kind == Kind::product ? '*' : '+', op};
    stack.back() = add(std::move(node));
  }
};

// A number token (grammar::number matched it) as a syntax node: tempo::read_number's value and
// flags, and the token's place.
inline Node number_node(std::string_view text, std::uint32_t begin) {
  const NumberLiteral literal = tempo::detail::read_number_text(text);
  Node node;
  node.kind = Kind::number;
  node.begin = begin;
  node.end = begin + static_cast<std::uint32_t>(text.size());
  node.literal_begin = node.begin;
  node.literal_end = node.end;
  node.number = literal.value;
  node.has_dot = literal.has_dot;
  node.has_percent = literal.has_percent;
  node.has_magnitude = literal.has_magnitude;
  return node;
}

}  // namespace tempo::ast::parsing
