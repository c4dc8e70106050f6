// The syntax tree: what the parser produces and the compiler reads. Every node carries the byte
// span of its source text; nodes live in one vector and refer to each other by index.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tempo/diagnostic.hpp"

namespace tempo::ast {

using NodeId = std::uint32_t;

enum class Kind : std::uint8_t {
  number,    // 2000, 0.9, 2k, 90%, 3 ep
  boolean,   // true, false
  name,      // total, peak, pi, a bare choice such as `cosine` in shape=cosine
  call,      // warmup(2000), min(a, b)
  list,      // [30, 60, 90]
  negate,    // -x
  power,     // x ^ y (items[0] ^ items[1])
  sum,       // items joined by ops '+' / '-' (ops[0] is '+')
  product,   // items joined by ops '*' / '/' (ops[0] is '*')
  sequence,  // items[0] >> items[1] >> ...
};

enum class Unit : std::uint8_t { none, steps, epochs, tokens };

struct Argument {
  std::string name;  // empty for a positional argument
  std::uint32_t name_begin = 0, name_end = 0;
  NodeId value = 0;
};

struct Node {
  Kind kind = Kind::number;
  std::uint32_t begin = 0, end = 0;
  bool parenthesized = false;

  // number
  double number = 0;
  std::uint32_t literal_begin = 0, literal_end = 0;  // the digits and suffix, without unit or ()
  bool has_dot = false;        // written with '.' (a fraction of total when a bare duration)
  bool has_percent = false;    // written with '%'
  bool has_magnitude = false;  // written with k, M or B
  Unit unit = Unit::none;
  // boolean
  bool truth = false;
  // name, call
  std::string name;
  std::uint32_t name_end = 0;  // a call's name spans [begin, name_end)
  // list, negate, power, sum, product, sequence
  std::vector<NodeId> items;
  std::vector<char> ops;
  // call
  std::vector<Argument> args;
};

struct Statement {
  std::string name;  // empty for a bare expression
  std::uint32_t name_begin = 0, name_end = 0;
  NodeId value = 0;
};

struct Import {
  std::string path;  // as written, without the quotes
  std::uint32_t begin = 0, end = 0;
};

struct Module {
  std::shared_ptr<const SourceFile> file;
  std::vector<Node> nodes;
  std::vector<Statement> statements;
  std::vector<Import> imports;

  const Node& operator[](NodeId id) const { return nodes[id]; }
  SourceSpan span(NodeId id) const { return {file, nodes[id].begin, nodes[id].end}; }
  SourceSpan span(std::uint32_t begin, std::uint32_t end) const { return {file, begin, end}; }
};

// Parses a whole source (a file of bindings or one bare expression). Syntax errors are added to
// `diagnostics`; parsing resumes at the next statement so that every line gets checked.
Module parse(std::shared_ptr<const SourceFile> file, std::vector<Diagnostic>& diagnostics);

}  // namespace tempo::ast
