// The registration table's row type. A primitive is one row: its name, its parameters (name,
// kind, default, allowed range), its formula in words, and the factory that builds its runtime
// node. The compiler checks calls against the rows, `tempo --help` and docs/language.md are
// generated from them, and the tests iterate over them.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../runtime/make.hpp"

namespace tempo::stdlib {

namespace make = detail::make;

enum class Kind : std::uint8_t {
  duration,    // the phase length: steps, a fraction of total, or a unit (LANGUAGE.md §3)
  steps,       // another step-valued parameter; follows the duration rules
  number,      // a constant number
  level,       // a constant number that defaults to the level L
  count,       // a whole number ≥ 1
  choice,      // a bare name out of `choices`
  boolean,     // true or false
  step_list,   // a list of step values, strictly increasing
  points,      // every positional argument: [x, y] lists (x step-valued)
  schedule,    // a schedule with a finite length, played over its own length
  body,        // a schedule played over the phase's d steps (filling them when elastic)
  expression,  // an expression over p, t, len, step, total, level
  name,        // a bare name of the host's choosing (plateau's metric); choices[0] is the default
};

// The range rule a numeric argument must satisfy; the message names the argument and the rule.
enum class Range : std::uint8_t { any, positive, non_negative, at_least_one, open_unit };

struct Param {
  std::string_view name;
  Kind kind;
  std::optional<double> fallback = std::nullopt;  // default of a number (none: required)
  Range range = Range::any;
  std::span<const std::string_view> choices = {};  // for Kind::choice; the first is the default
  std::string_view doc = {};
  bool required = false;
};

// A phase's runtime node and the value it holds from its end on.
struct Built {
  std::uint32_t node = 0;
  double end = 0;
};

// What a primitive sees of one call: its resolved arguments, its place in time, and the tree.
class Call {
 public:
  virtual ~Call() = default;
  virtual double length() const = 0;  // steps; detail::forever when it runs forever
  virtual double level() const = 0;   // L
  virtual double start() const = 0;   // global step where the phase starts
  virtual bool given(std::size_t param) const = 0;
  virtual double number(std::size_t param) const = 0;  // number, level (L when not given), steps
  virtual std::string_view choice(std::size_t param) const = 0;
  virtual const std::vector<double>& list(std::size_t param) const = 0;  // step_list
  virtual const std::vector<std::array<double, 2>>& points() const = 0;
  virtual detail::Tree& tree() = 0;
  // Reports an error at the argument (or at the call when the argument was not given).
  virtual void error(std::size_t param, std::string message, std::string hint = {}) = 0;
  // Combinators: the length of a schedule argument, and its compiled form at a level.
  virtual double length_of(std::size_t param) = 0;
  // The length of a schedule argument when it has a fixed one (nullopt: elastic).
  virtual std::optional<double> fixed_length(std::size_t param) = 0;
  virtual const struct Primitive& primitive() const = 0;
  // Reports an error at the call itself.
  virtual void call_error(std::string message, std::string hint = {}) = 0;
  virtual Built compile(std::size_t param, double length, double level) = 0;
  // The host's observations of `metric` (LANGUAGE.md §10.9) by step, from the record the
  // schedule is being bound to; empty when it is compiled without one. Marks the schedule as
  // deciding over `metric`, so that Schedule::bind plans it again for a record.
  virtual std::span<const Observations::Point> observations(std::string_view metric) = 0;
};

struct Primitive {
  std::string_view name;
  std::string_view summary;    // one line for --help
  std::string_view formula;    // value at local step τ, as in LANGUAGE.md §5
  std::string_view end_value;  // the value held after the phase
  std::span<const Param> params;
  // False when an elastic phase of this kind may run forever with no total (LANGUAGE.md §4).
  bool needs_length = true;
  Built (*build)(Call&) = nullptr;
  // Combinators with a length of their own (interp, repeat): returns it, or nullopt if elastic.
  std::optional<double> (*own_length)(Call&) = nullptr;
  // For phases the host defines: its definition (lang/scripted.cpp).
  const void* host = nullptr;
};

// A parameter's default as signatures write it: "L", the first choice, "false", or the number
// in its shortest form with a bare exponent ("1e-8"); empty when there is none.
std::string default_text(const Param& p);
// The call as LANGUAGE.md §5 writes it: `cosine(d, min=0, max=L)`; the same for host phases.
std::string signature(const Primitive& primitive);

// The one registration table, in the order of LANGUAGE.md §5.
std::span<const Primitive* const> primitives();
const Primitive* find_primitive(std::string_view name);

// Math functions of LANGUAGE.md §6 (pointwise at the global step).
struct Function {
  std::string_view name;
  std::size_t min_args, max_args;  // max_args 0: any number ≥ min_args
  detail::Op op;
  std::string_view summary;
};
std::span<const Function> functions();
const Function* find_function(std::string_view name);

// Named constants: pi and e.
std::optional<double> find_constant(std::string_view name);

}  // namespace tempo::stdlib
