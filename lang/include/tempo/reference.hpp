// The registration table, read-only: every phase with its parameters, formula and end value,
// and every function. `tempo help`, docs/language.md and the Lua module's builders read it;
// the compiler reads the same rows (stdlib/registry.cpp), so the two cannot disagree.
//
//   for (const tempo::reference::Phase& phase : tempo::reference::phases())
//     std::cout << phase.signature << "  " << phase.summary << '\n';
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tempo::reference {

// What an argument takes (LANGUAGE.md §5).
enum class ParamKind {
  duration,    // the phase length: steps, a fraction of total, or a unit (LANGUAGE.md §3)
  steps,       // another step-valued parameter
  number,      // a constant number
  level,       // a constant number that defaults to the level L
  count,       // a whole number ≥ 1
  choice,      // a bare name out of `choices`
  boolean,     // true or false
  step_list,   // a list of step values, strictly increasing
  points,      // every positional argument: [x, y] lists
  schedule,    // a schedule with a finite length
  body,        // a schedule played over the phase's d steps
  expression,  // an expression over p, t, len, step, total, level
  name,        // a bare name of the host's choosing (plateau's metric); choices[0] is the default
};

struct Param {
  std::string name;
  ParamKind kind = ParamKind::number;
  // The default as the signature writes it ("0", "L", "linear", "false"); empty: none (a
  // duration left out makes the phase elastic).
  std::string default_text;
  bool required = false;             // the call must give it, even where a default is written
  std::vector<std::string> choices;  // for ParamKind::choice; the first is the default
  std::string doc;
};

struct Phase {
  std::string name;
  std::string summary;    // one line
  std::string formula;    // value at local step τ
  std::string end_value;  // the value held after the phase
  std::string signature;  // the call as LANGUAGE.md §5 writes it: `cosine(d, min=0, max=L)`
  std::vector<Param> params;
};

struct Function {
  std::string name;
  std::string summary;
  std::size_t min_args = 1;
  std::size_t max_args = 1;  // 0: any number ≥ min_args
};

// In the order of LANGUAGE.md §5 and §6.
const std::vector<Phase>& phases();
const Phase* find_phase(std::string_view name);
const std::vector<Function>& functions();
const Function* find_function(std::string_view name);
// The named constants (pi, e) and the context names (total, steps_per_epoch, tokens_per_step).
const std::vector<std::string>& constants();
const std::vector<std::string>& context_names();

}  // namespace tempo::reference
