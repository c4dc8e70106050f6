// Schedules built in Lua (`tempo.warmup(2000) >> tempo.cosine{min=0.1}`) are Tempo source text:
// each builder call and metamethod writes the canonical source of what it builds, so compiling
// it goes through the one compiler and gives bit-identical values to the same text.
#pragma once

#include <string>

namespace tempo::lua {

// A piece of Tempo source and how tightly it binds (LANGUAGE.md §6), lowest first:
// 1 `>>`, 2 `+ -`, 3 `* /`, 4 unary `-`, 5 `^`, 6 a primary (number, call, list, parentheses).
struct Expression {
  std::string source;
  int precedence = 6;
};

// A Lua number as Tempo source, keeping Lua's integer/float distinction: the float 1.0 is the
// fraction `1.0` (the whole run), the integer 1 is one step. Empty for NaN and infinities.
std::string number_source(double value, bool is_integer);

// `left op right`, with parentheses where precedence needs them.
Expression binary(const Expression& left, const char* op, const Expression& right, int precedence);
Expression negate(const Expression& operand);

}  // namespace tempo::lua
