// resolve: syntax tree → resolved program (ir.hpp). Binds every name (curve's variables, the
// context, bindings, pi and e), matches every call to its registration row, types and checks
// every argument and evaluates what is constant, without building anything of the runtime. Each
// binding is resolved once and shared by all its uses. Errors are collected, never thrown.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "context.hpp"
#include "host_phase.hpp"
#include "ir.hpp"
#include "token_clock.hpp"

namespace tempo {

struct Binding {
  std::string name;
  const ast::Module* module = nullptr;
  ast::NodeId value = 0;
  SourceSpan name_span;
};
using Bindings = std::map<std::string, Binding, std::less<>>;

class Resolver {
 public:
  // The nodes go into `nodes`, which the caller keeps for as long as it uses them.
  Resolver(const Bindings& bindings, const HostPhases& host_phases, ir::NodeStore& nodes,
           std::vector<Diagnostic>& diagnostics)
      : bindings_(bindings), host_phases_(host_phases), nodes_(nodes), diagnostics_(diagnostics) {}

  // Names of the context resolve to these values; set before resolving what uses them.
  Context context;

  // The value of a binding, resolved on first use.
  const ir::Node& binding(const Binding& b);
  // An expression outside any binding (the bare expression of a file, a --set value).
  const ir::Node& expression(const ast::Module& module, ast::NodeId id);
  // The value of a node that must be a constant number, or nullopt (reported).
  std::optional<double> constant(const ir::Node& node, std::string_view what);

  void error(const SourceSpan& span, std::string message, std::string hint = {});
  // A context value: the host's, or the file's binding of it, evaluated on first use.
  std::optional<double> context_value(std::string_view name, const SourceSpan& use);
  // The file's binding of a context name, when that binding set the context (the host did not).
  const ir::Node* context_binding(std::string_view name) const;
  const stdlib::Primitive* find_phase(std::string_view name) const;

 private:
  struct Scope {
    bool curve = false;  // inside curve's expression: p, t, len, level and step are bound
  };

  const ir::Node& resolve(const ast::Module& module, ast::NodeId id, Scope scope);
  ir::Node& make(const ast::Module& module, ast::NodeId id, ir::Kind kind);
  const ir::Node& invalid(const ast::Module& module, ast::NodeId id);
  const ir::Node& name(const ast::Module& module, ast::NodeId id, Scope scope);
  const ir::Node& call(const ast::Module& module, ast::NodeId id, Scope scope);
  const ir::Node& function(const ast::Module& module, ast::NodeId id, const stdlib::Function& f,
                           Scope scope);
  const ir::Node& arithmetic(const ast::Module& module, ast::NodeId id, Scope scope);
  const ir::Node& sequence(const ast::Module& module, ast::NodeId id, Scope scope);
  // The operands of a function or an operator, resolved into node.items; false if one failed.
  bool operands(ir::Node& node, const std::vector<ast::NodeId>& ids, Scope scope);
  const ir::Node& operation(ir::Node& node);
  // Evaluates a node whose operands are all constants, with the runtime's own arithmetic.
  void fold(ir::Node& node);
  std::vector<std::string> known_names(Scope scope) const;
  // resolve_context.cpp: `3 ep`, `375M tok`, `500 steps` as a step count, not rounded.
  std::optional<double> steps_of_unit(const ast::Module& module, ast::NodeId id);

  // resolve_call.cpp: a phase call's arguments matched to its row, and its extent
  const ir::Node& phase(const ast::Module& module, ast::NodeId id, Scope scope);
  // resolve_arguments.cpp: each argument typed by its parameter's kind and checked
  bool argument(ir::Node& call, std::size_t index, Scope scope);
  bool points(ir::Node& call, const std::vector<const ir::Node*>& written);
  std::optional<double> steps(const ir::Node& value, std::string_view what);
  bool check_range(const stdlib::Param& param, double value, const SourceSpan& span);

  const Bindings& bindings_;
  const HostPhases& host_phases_;
  ir::NodeStore& nodes_;  // stable addresses: nodes point at each other
  std::vector<Diagnostic>& diagnostics_;
  std::map<const Binding*, const ir::Node*> resolved_;
  std::vector<const Binding*> resolving_;  // the bindings being resolved, innermost last
  std::size_t depth_ = 0;
  std::set<const Binding*> evaluated_;  // context bindings given a value (or an error)
  std::optional<TokenClock> token_clock_;
};

}  // namespace tempo
