// The compiler: syntax tree → evaluation tree. It measures durations bottom-up (fixed, elastic
// or none), lays phases out top-down (elastic fill, levels, holds), checks every call against
// the registration table and folds constants. Errors are collected, never thrown.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../runtime/tree.hpp"
#include "../stdlib/primitive.hpp"
#include "ast.hpp"
#include "tempo/compile.hpp"

namespace tempo::compiler {

// A node of some module: bindings may come from the file, from --set or from another file.
struct Expr {
  const ast::Module* module = nullptr;
  ast::NodeId id = 0;

  const ast::Node& node() const { return (*module)[id]; }
  SourceSpan span() const { return module->span(id); }
  std::string_view text() const;
  bool operator<(const Expr& other) const {
    return module != other.module ? module < other.module : id < other.id;
  }
};

struct Binding {
  std::string name;
  Expr value;
  SourceSpan name_span;
};

// The evaluation context of LANGUAGE.md §1.
struct Context {
  std::optional<double> total, steps_per_epoch, tokens_per_step;
};

// A duration as measured before layout.
struct Extent {
  enum Kind : std::uint8_t { none, fixed, elastic } kind = none;
  double steps = 0;
};

// One call checked against its row: every parameter's argument, resolved.
struct Slot {
  bool given = false;
  Expr expr;
  SourceSpan span;
  double number = 0;
  std::string choice;
  std::vector<double> list;
};
// A phase the host defines, as a row of the registration table (lang/scripted.cpp).
struct HostPhase {
  explicit HostPhase(PhaseDefinition definition);
  HostPhase(const HostPhase&) = delete;
  PhaseDefinition definition;
  std::vector<stdlib::Param> params;
  std::string summary;
  stdlib::Primitive row;
};
using HostPhases = std::map<std::string, HostPhase, std::less<>>;

struct BoundCall {
  const stdlib::Primitive* primitive = nullptr;
  Expr call;
  std::vector<Slot> slots;
  std::vector<std::array<double, 2>> points;
  bool ok = true;
};

class Compiler {
 public:
  Compiler(const std::map<std::string, Binding, std::less<>>& bindings, Context context,
           std::vector<Diagnostic>& diagnostics);

  // Compiles one schedule at the top level (level 1, filling total when elastic).
  std::shared_ptr<detail::Tree> compile(Expr root);
  // The value of a constant expression (a context binding such as `total = 2M`).
  std::optional<double> constant(Expr e, std::string_view what);
  // True when `e` contains no phase, so it is a plain number.
  bool is_constant(Expr e);

  // Values of the bindings found constant so far, shared by the compilers of one source: a
  // long chain of constant bindings then costs no recursion.
  std::map<std::string, double, std::less<>>* constants = nullptr;
  // Phases defined by the host or imported; looked up after the built-in ones.
  const HostPhases* host_phases = nullptr;

  // Used by PhaseCall (the stdlib's view of a call).
  detail::Tree& tree() { return *tree_; }
  void error(const SourceSpan& span, std::string message, std::string hint = {});
  Extent measure(Expr e);
  stdlib::Built emit(Expr e, double space, double level, double start);
  stdlib::Built emit_curve_body(Expr e, double length, double level, double start);

 private:
  struct CurveScope {
    double length, level, start;
    bool uses_length;
  };

  // emit, by node kind
  stdlib::Built emit_name(Expr e, double space, double level, double start);
  stdlib::Built emit_call(Expr e, double space, double level, double start);
  stdlib::Built emit_phase(Expr e, double space, double level, double start);
  stdlib::Built emit_function(Expr e, const stdlib::Function& f, double space, double level,
                              double start);
  stdlib::Built emit_arithmetic(Expr e, double space, double level, double start);
  stdlib::Built emit_sequence(Expr e, double space, double level, double start);
  stdlib::Built constant_node(double value);
  // Builds a composite node; when every child is a plain constant, folds it to one.
  stdlib::Built finish(detail::Node node, const std::vector<stdlib::Built>& kids,
                       const std::vector<double>& aux, double length, double start);

  // arguments (arguments.cpp)
  BoundCall& bind(Expr call);
  void resolve(BoundCall& bound, std::size_t index);
  std::optional<double> steps(Expr e, std::string_view what);
  bool check_range(const stdlib::Param& param, double value, const SourceSpan& span);

  const Binding* find_binding(std::string_view name) const;
  const stdlib::Primitive* find_phase(std::string_view name) const;
  std::vector<std::string> known_names() const;
  std::string describe_phases(Expr sequence);

  const std::map<std::string, Binding, std::less<>>& bindings_;
  Context context_;
  std::vector<Diagnostic>& diagnostics_;
  std::shared_ptr<detail::Tree> tree_;
  std::map<Expr, Extent> extents_;
  std::map<Expr, BoundCall> calls_;
  std::map<std::uint32_t, std::string> labels_;  // phase node → its source, for explain
  std::optional<CurveScope> curve_;
  std::size_t depth_ = 0;          // recursion depth, all kinds
  std::size_t binding_depth_ = 0;  // bindings substituted inside one another

  friend class PhaseCall;
};

// True for the nodes whose value is a plain constant at every step.
bool is_plain_constant(const detail::Tree& tree, std::uint32_t id);

// Multiplies node `id` by k and adds `offset`, in place, when the node is made only of
// closed-form phases (sequences and repeats of them included); returns false otherwise.
bool fold_affine(detail::Tree& tree, std::uint32_t id, double k, double offset);

}  // namespace tempo::compiler
