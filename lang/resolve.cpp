// resolve, for names and expressions; the context is in resolve_context.cpp, calls of phases in
// resolve_call.cpp and their arguments in resolve_arguments.cpp.
#include "resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "constant_op.hpp"
#include "tempo/limits.hpp"
#include "tempo/suggest.hpp"

namespace tempo {
namespace {

constexpr std::string_view curve_names[] = {"p", "t", "len", "step", "level"};
constexpr ir::Variable curve_variables[] = {ir::Variable::p, ir::Variable::t, ir::Variable::len,
                                            ir::Variable::step, ir::Variable::level};

std::optional<std::size_t> curve_index(std::string_view name) {
  const auto it = std::find(std::begin(curve_names), std::end(curve_names), name);
  if (it == std::end(curve_names)) return std::nullopt;
  return static_cast<std::size_t>(it - std::begin(curve_names));
}

// Arithmetic: elastic when any operand is, else the longest operand (LANGUAGE.md §4).
ir::Extent combine(const std::vector<const ir::Node*>& operands) {
  ir::Extent out;
  for (const ir::Node* operand : operands) {
    const ir::Extent x = operand->extent;
    if (x.kind == ir::Extent::elastic) out = x;
    if (x.kind == ir::Extent::fixed && out.kind != ir::Extent::elastic) {
      out = {ir::Extent::fixed, std::max(out.kind == ir::Extent::fixed ? out.steps : 0.0, x.steps)};
    }
  }
  return out;
}

// Counts a level of recursion for as long as it lives, so that a very deep expression is an
// error rather than a stack overflow.
struct DepthGuard {
  std::size_t& depth;
  explicit DepthGuard(std::size_t& d) : depth(++d) {}
  ~DepthGuard() { --depth; }
  bool too_deep() const { return depth > limits::max_compile_depth; }
};

}  // namespace

void Resolver::error(const SourceSpan& span, std::string message, std::string hint) {
  diagnostics_.push_back({span, std::move(message), std::move(hint)});
}

const stdlib::Primitive* Resolver::find_phase(std::string_view name) const {
  if (const auto* builtin = stdlib::find_primitive(name)) return builtin;
  const auto it = host_phases_.find(name);
  return it == host_phases_.end() ? nullptr : &it->second.row;
}

std::vector<std::string> Resolver::known_names(Scope scope) const {
  std::vector<std::string> names;
  for (const auto& [name, binding] : bindings_) names.push_back(name);
  for (auto name : Context::names) names.emplace_back(name);
  names.emplace_back("pi");
  names.emplace_back("e");
  if (scope.curve) names.insert(names.end(), std::begin(curve_names), std::end(curve_names));
  return names;
}

ir::Node& Resolver::make(const ast::Module& module, ast::NodeId id, ir::Kind kind) {
  ir::Node& node = nodes_.emplace_back();
  node.kind = kind;
  node.module = &module;
  node.syntax = id;
  return node;
}

const ir::Node& Resolver::invalid(const ast::Module& module, ast::NodeId id) {
  return make(module, id, ir::Kind::invalid);
}

const ir::Node& Resolver::binding(const Binding& b) {
  if (const auto it = resolved_.find(&b); it != resolved_.end()) return *it->second;
  resolving_.push_back(&b);
  const ir::Node& value = resolve(*b.module, b.value, {});
  resolving_.pop_back();
  resolved_[&b] = &value;
  return value;
}

const ir::Node& Resolver::expression(const ast::Module& module, ast::NodeId id) {
  return resolve(module, id, {});
}

std::optional<double> Resolver::constant(const ir::Node& node, std::string_view what) {
  if (node.kind == ir::Kind::invalid) return std::nullopt;
  if (!node.is_constant()) {
    error(node.span(), fmt::format("`{}` must be a constant number", what),
          "arguments are fixed when the schedule is compiled");
    return std::nullopt;
  }
  return node.value;
}

const ir::Node& Resolver::resolve(const ast::Module& module, ast::NodeId id, Scope scope) {
  DepthGuard guard(depth_);
  if (guard.too_deep()) {
    error(module.span(id),
          fmt::format("the schedule nests deeper than {} levels through its bindings",
                      limits::max_compile_depth),
          "flatten the deepest bindings");
    return invalid(module, id);
  }
  const ast::Node& n = module[id];
  switch (n.kind) {
    case ast::Kind::number: {
      // A unit makes a step count (LANGUAGE.md §10.2), rounded only where it is a duration.
      const auto value =
          n.unit == ast::Unit::none ? std::optional<double>(n.number) : steps_of_unit(module, id);
      if (!value) return invalid(module, id);
      ir::Node& node = make(module, id, ir::Kind::constant);
      node.value = *value;
      return node;
    }
    case ast::Kind::boolean:
      error(module.span(id), fmt::format("`{}` is not a number", n.truth ? "true" : "false"),
            "true and false are for arguments such as three_phase");
      return invalid(module, id);
    case ast::Kind::list:
      error(module.span(id), "a list is not a schedule",
            "lists are arguments, as in multistep(at=[30, 60, 90])");
      return invalid(module, id);
    case ast::Kind::name:
      return name(module, id, scope);
    case ast::Kind::call:
      return call(module, id, scope);
    case ast::Kind::sequence:
      return sequence(module, id, scope);
    case ast::Kind::negate:
    case ast::Kind::power:
    case ast::Kind::sum:
    case ast::Kind::product:
      return arithmetic(module, id, scope);
  }
  return invalid(module, id);
}

const ir::Node& Resolver::name(const ast::Module& module, ast::NodeId id, Scope scope) {
  const std::string& name = module[id].name;
  const auto curve = curve_index(name);
  if (scope.curve && curve) {
    ir::Node& node = make(module, id, ir::Kind::variable);
    node.variable = curve_variables[*curve];
    return node;
  }
  if (Context::is_name(name)) {
    // The context's value: the host's, else the one the file bound (LANGUAGE.md §7).
    const std::size_t errors = diagnostics_.size();
    if (const auto value = context_value(name, module.span(id))) {
      ir::Node& node = make(module, id, ir::Kind::constant);
      node.value = *value;
      return node;
    }
    // A tokens_per_step that follows the batch is a schedule like any binding: usable in
    // expressions (`lr = base * sqrt(tokens_per_step / 2^19)`), not as a constant.
    if (name != "tokens_per_step" || !token_clock_ || diagnostics_.size() != errors) {
      return invalid(module, id);
    }
  }
  if (const auto it = bindings_.find(name); it != bindings_.end()) {
    const Binding& b = it->second;
    if (std::find(resolving_.begin(), resolving_.end(), &b) != resolving_.end()) {
      const Binding& inner = *resolving_.back();
      error(module.span(id),
            &inner == &b
                ? fmt::format("`{}` is defined in terms of itself", name)
                : fmt::format("`{}` and `{}` are defined in terms of each other", inner.name, name),
            "bindings cannot be cyclic");
      return invalid(module, id);
    }
    const ir::Node& target = binding(b);
    if (target.kind == ir::Kind::invalid) return target;
    ir::Node& node = make(module, id, ir::Kind::reference);
    node.target = &target;
    node.value = target.value;
    node.extent = target.extent;
    // Constants are plain numbers by now; schedules count (limits::max_nesting).
    node.nesting = target.is_constant() ? 0 : target.nesting + 1;
    if (node.nesting > limits::max_nesting) {
      error(module.span(id),
            fmt::format("bindings nest deeper than {} levels", limits::max_nesting),
            "is a binding defined in terms of itself?");
      return invalid(module, id);
    }
    return node;
  }
  if (const auto value = stdlib::find_constant(name)) {
    ir::Node& node = make(module, id, ir::Kind::constant);
    node.value = *value;
    return node;
  }
  if (curve) {
    error(module.span(id), fmt::format("`{}` only has a meaning inside curve(...)", name),
          "e.g. curve(1000, 1 - p^2)");
    return invalid(module, id);
  }
  std::string hint = did_you_mean(name, known_names(scope));
  if (find_phase(name) || stdlib::find_function(name)) {
    hint = fmt::format("`{}` is a function: call it, as in `{}()`", name, name);
  }
  error(module.span(id), fmt::format("unknown name `{}`", name), hint);
  return invalid(module, id);
}

const ir::Node& Resolver::call(const ast::Module& module, ast::NodeId id, Scope scope) {
  const ast::Node& n = module[id];
  if (find_phase(n.name)) {
    if (scope.curve) {
      error(module.span(id),
            fmt::format("a phase such as `{}` cannot appear inside curve(...)", n.name),
            "curve's formula is built from p, t, len, step, total, level and numbers");
      return invalid(module, id);
    }
    return phase(module, id, scope);
  }
  if (const stdlib::Function* f = stdlib::find_function(n.name)) {
    return function(module, id, *f, scope);
  }
  std::vector<std::string> names;
  for (const auto* p : stdlib::primitives()) names.emplace_back(p->name);
  for (const auto& f : stdlib::functions()) names.emplace_back(f.name);
  for (const auto& [name, phase] : host_phases_) names.push_back(name);
  std::string hint = did_you_mean(n.name, names);
  if (hint.empty()) hint = "`tempo --help` lists the phases and functions";
  error(module.span(n.begin, n.name_end), fmt::format("unknown function `{}`", n.name), hint);
  return invalid(module, id);
}

const ir::Node& Resolver::function(const ast::Module& module, ast::NodeId id,
                                   const stdlib::Function& f, Scope scope) {
  const ast::Node& n = module[id];
  for (const auto& arg : n.args) {
    if (!arg.name.empty()) {
      error(module.span(arg.name_begin, arg.name_end),
            fmt::format("`{}` takes no named arguments", f.name));
      return invalid(module, id);
    }
  }
  const std::size_t count = n.args.size();
  if (count < f.min_args || (f.max_args != 0 && count > f.max_args)) {
    const std::string wanted = f.max_args == 0 ? fmt::format("at least {}", f.min_args)
                               : f.min_args == f.max_args
                                   ? fmt::format("{}", f.min_args)
                                   : fmt::format("{} to {}", f.min_args, f.max_args);
    error(module.span(n.begin, n.name_end),
          fmt::format("`{}` takes {} argument{}, but {} {} given", f.name, wanted,
                      wanted.ends_with(" 1") || wanted == "1" ? "" : "s", count,
                      count == 1 ? "was" : "were"));
    return invalid(module, id);
  }
  ir::Node& node = make(module, id, ir::Kind::function);
  node.op = f.op;
  std::vector<ast::NodeId> args;
  for (const auto& arg : n.args) args.push_back(arg.value);
  if (!operands(node, args, scope)) return invalid(module, id);
  return operation(node);
}

bool Resolver::operands(ir::Node& node, const std::vector<ast::NodeId>& ids, Scope scope) {
  bool ok = true;
  for (auto id : ids) {
    node.items.push_back(&resolve(*node.module, id, {scope.curve}));
    ok = ok && node.items.back()->kind != ir::Kind::invalid;
  }
  return ok;
}

// An operation on resolved operands: its extent (LANGUAGE.md §4), and its value when constant.
const ir::Node& Resolver::operation(ir::Node& node) {
  node.extent = combine(node.items);
  node.nesting = ir::nesting_of(node.items);
  fold(node);
  return node;
}

const ir::Node& Resolver::arithmetic(const ast::Module& module, ast::NodeId id, Scope scope) {
  const ast::Node& n = module[id];
  ir::Node& node = make(module, id, ir::Kind::arithmetic);
  if (!operands(node, n.items, scope)) return invalid(module, id);
  switch (n.kind) {
    case ast::Kind::negate:
      node.op = detail::Op::sum;
      node.aux = {-1.0};
      break;
    case ast::Kind::power:
      node.op = detail::Op::pow;
      break;
    case ast::Kind::sum:
      node.op = detail::Op::sum;
      for (char op : n.ops) node.aux.push_back(op == '-' ? -1.0 : 1.0);
      break;
    default:
      node.op = detail::Op::product;
      for (char op : n.ops) node.aux.push_back(op == '/' ? 0.0 : 1.0);
      break;
  }
  return operation(node);
}

const ir::Node& Resolver::sequence(const ast::Module& module, ast::NodeId id, Scope scope) {
  const ast::Node& n = module[id];
  ir::Node& node = make(module, id, ir::Kind::sequence);
  node.extent = {ir::Extent::fixed, 0};
  const ir::Node* elastic = nullptr;
  bool ok = true;
  for (auto item : n.items) {
    const ir::Node& element = resolve(module, item, {scope.curve});
    node.items.push_back(&element);
    if (element.kind == ir::Kind::invalid) {
      ok = false;  // its error is reported; no second one about its length
      continue;
    }
    if (element.extent.kind == ir::Extent::fixed) {
      node.extent.steps += element.extent.steps;
      continue;
    }
    if (elastic) {
      error(element.span(),
            fmt::format("two elastic phases in one sequence: `{}` and `{}`", elastic->text(),
                        element.text()),
            "give all but one a duration, e.g. stable(d, at=0.5)");
      ok = false;
      continue;
    }
    elastic = &element;
  }
  if (!ok) return invalid(module, id);
  if (node.extent.steps > limits::max_steps) {
    error(module.span(id), "the phases of this sequence take more than 2^53 steps",
          "steps beyond 2^53 are not exact in double precision");
    return invalid(module, id);
  }
  if (elastic) node.extent = {ir::Extent::elastic, 0};
  node.nesting = ir::nesting_of(node.items);
  return node;
}

void Resolver::fold(ir::Node& node) {
  std::vector<double> operands;
  for (const ir::Node* item : node.items) {
    if (!item->is_constant()) return;
    operands.push_back(*item->value);
  }
  node.value = apply_constant(node.op, operands, node.aux);
}

}  // namespace tempo
