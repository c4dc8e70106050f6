// Phases defined by the host (Lua functions, or any C++ callable) and evaluated by the runtime
// like built-in ones. Evaluation stays noexcept: a failing script returns NaN and leaves its
// message in a per-thread slot that the host reads with take_evaluation_error().
#pragma once

#include <optional>
#include <string>

namespace tempo {

// The arguments a scripted phase sees at one step (LANGUAGE.md §5 `curve` has the same ones).
struct ScriptedArgs {
  double p;             // progress τ / length in [0, 1)
  double t;             // local step τ
  double length;        // the phase's length
  double level;         // L, the value the phase starts from
  double step;          // the global step
  const double* named;  // the phase's named arguments, in the order it declared them
};

class ScriptedPhase {
 public:
  virtual ~ScriptedPhase() = default;
  // Thread-safe, noexcept. On failure: call set_evaluation_error and return NaN.
  virtual double evaluate(const ScriptedArgs& args) const noexcept = 0;
};

// The last evaluation error of this thread, cleared by reading it.
std::optional<std::string> take_evaluation_error() noexcept;
void set_evaluation_error(std::string message) noexcept;

}  // namespace tempo
