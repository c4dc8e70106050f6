// The parser's state while it reads one statement: the syntax tree under construction (a stack of
// nodes, the operators and argument names waiting for their operands, the brackets not closed
// yet) and the number token reader. Only parser.cpp and its parse_*.hpp include this.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <tao/pegtl.hpp>
#include <utility>
#include <vector>

#include "ast.hpp"
#include "grammar.hpp"
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
inline Node read_number(std::string_view text, std::uint32_t begin) {
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

}  // namespace tempo::ast::parsing
