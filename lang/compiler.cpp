// Layout and emission (LANGUAGE.md §4, §6): durations measured bottom-up, then each node emitted
// top-down with the space it fills, the level it starts from and its global start step.
#include "compiler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "limits.hpp"
#include "suggest.hpp"

namespace tempo::compiler {

std::string signature(const stdlib::Primitive& primitive);
stdlib::Built build_phase(Compiler& compiler, BoundCall& bound, double length, double level,
                          double start);
std::optional<double> own_length(Compiler& compiler, BoundCall& bound);

namespace {

using stdlib::Built;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::string_view context_names[] = {"total", "steps_per_epoch", "tokens_per_step"};
constexpr std::string_view curve_names[] = {"p", "t", "len", "step", "level"};

bool in(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Counts a level of recursion for as long as it lives. The compiler counts every level
// (limits::max_compile_depth) and binding substitutions on their own (limits::max_nesting), so
// a cycle or a very deep chain of bindings is an error rather than a stack overflow.
struct DepthGuard {
  std::size_t& depth;
  std::size_t limit;
  DepthGuard(std::size_t& d, std::size_t max) : depth(++d), limit(max) {}
  ~DepthGuard() { --depth; }
  bool too_deep() const { return depth > limit; }
};

}  // namespace

std::string_view Expr::text() const {
  const ast::Node& n = node();
  return std::string_view(module->file->text()).substr(n.begin, n.end - n.begin);
}

Compiler::Compiler(const std::map<std::string, Binding, std::less<>>& bindings, Context context,
                   std::vector<Diagnostic>& diagnostics)
    : bindings_(bindings),
      context_(context),
      diagnostics_(diagnostics),
      tree_(std::make_shared<detail::Tree>()) {}

void Compiler::error(const SourceSpan& span, std::string message, std::string hint) {
  diagnostics_.push_back({span, std::move(message), std::move(hint)});
}

const stdlib::Primitive* Compiler::find_phase(std::string_view name) const {
  if (const auto* builtin = stdlib::find_primitive(name)) return builtin;
  if (!host_phases) return nullptr;
  const auto it = host_phases->find(name);
  return it == host_phases->end() ? nullptr : &it->second.row;
}

const Binding* Compiler::find_binding(std::string_view name) const {
  const auto it = bindings_.find(name);
  return it == bindings_.end() ? nullptr : &it->second;
}

std::vector<std::string> Compiler::known_names() const {
  std::vector<std::string> names;
  for (const auto& [name, binding] : bindings_) names.push_back(name);
  for (auto name : context_names) names.emplace_back(name);
  names.emplace_back("pi");
  names.emplace_back("e");
  if (curve_) names.insert(names.end(), std::begin(curve_names), std::end(curve_names));
  return names;
}

std::shared_ptr<detail::Tree> Compiler::compile(Expr root) {
  const std::size_t errors = diagnostics_.size();
  const Extent extent = measure(root);
  double space =
      extent.kind == Extent::elastic && context_.total ? *context_.total : detail::forever;
  if (extent.kind == Extent::fixed) space = extent.steps;
  if (extent.kind == Extent::fixed && context_.total && extent.steps > *context_.total) {
    error(root.span(),
          fmt::format("the phases take {} steps, more than total ({})", extent.steps,
                      *context_.total),
          describe_phases(root));
  }
  const Built built = emit(root, space, 1.0, 0.0);
  tree_->root = built.node;
  tree_->finalize();
  if (context_.total) tree_->total = *context_.total;
  if (diagnostics_.size() != errors) return nullptr;

  // The phase table: the top-level sequence's phases, or the whole schedule as one phase.
  detail::Tree& t = *tree_;
  const detail::Node& top = t.nodes[t.root];
  auto row = [&](std::uint32_t id, double start, double end) {
    const auto label = labels_.find(id);
    const detail::Node& n = t.nodes[id];
    t.phases.push_back({label != labels_.end() ? label->second : std::string(root.text()), start,
                        end, t.value(id, 0.0, start), end == detail::forever ? nan : n.end});
  };
  if (top.op == detail::Op::sequence) {
    for (std::uint32_t i = 0; i < top.count; ++i) {
      const double start = t.starts[top.first + i];
      const double end = i + 1 < top.count ? t.starts[top.first + i + 1] : top.length;
      row(t.children[top.first + i], start, end);
    }
  } else {
    row(t.root, 0.0, space);
  }
  return tree_;
}

// --- measuring ---------------------------------------------------------------------------

Extent Compiler::measure(Expr e) {
  if (const auto it = extents_.find(e); it != extents_.end()) return it->second;
  DepthGuard guard(depth_, limits::max_compile_depth);
  if (guard.too_deep()) return {};
  const ast::Node& n = e.node();
  Extent result;
  // Arithmetic: elastic when any operand is, else the longest operand (LANGUAGE.md §4).
  auto combine = [&](const std::vector<Expr>& operands) {
    Extent out;
    for (const Expr& operand : operands) {
      const Extent x = measure(operand);
      if (x.kind == Extent::elastic) out = x;
      if (x.kind == Extent::fixed && out.kind != Extent::elastic) {
        out = {Extent::fixed, std::max(out.kind == Extent::fixed ? out.steps : 0.0, x.steps)};
      }
    }
    return out;
  };
  auto items = [&] {
    std::vector<Expr> out;
    for (auto id : n.items) out.push_back({e.module, id});
    return out;
  };
  switch (n.kind) {
    case ast::Kind::name:
      if (curve_ && in(curve_names, n.name)) break;
      if (const Binding* b = find_binding(n.name)) result = measure(b->value);
      break;
    case ast::Kind::call:
      if (find_phase(n.name)) {
        BoundCall& bound = bind(e);
        if (bound.primitive->own_length) {
          const auto length = own_length(*this, bound);
          result = length ? Extent{Extent::fixed, *length} : Extent{Extent::elastic, 0};
        } else if (bound.slots[0].given) {
          result = {Extent::fixed, bound.slots[0].number};
        } else {
          result = {Extent::elastic, 0};
        }
      } else if (stdlib::find_function(n.name)) {
        std::vector<Expr> args;
        for (const auto& a : n.args) args.push_back({e.module, a.value});
        result = combine(args);
      }
      break;
    case ast::Kind::negate:
    case ast::Kind::power:
    case ast::Kind::sum:
    case ast::Kind::product:
      result = combine(items());
      break;
    case ast::Kind::sequence: {
      result = {Extent::fixed, 0};
      std::optional<Expr> elastic;
      for (const Expr& item : items()) {
        const Extent x = measure(item);
        if (x.kind == Extent::fixed) {
          result.steps += x.steps;
          continue;
        }
        if (elastic) {
          error(item.span(),
                fmt::format("two elastic phases in one sequence: `{}` and `{}`", elastic->text(),
                            item.text()),
                "give all but one a duration, e.g. stable(d, at=0.5)");
          continue;
        }
        elastic = item;
      }
      if (elastic) result = {Extent::elastic, 0};
      break;
    }
    default:
      break;
  }
  extents_[e] = result;
  return result;
}

std::string Compiler::describe_phases(Expr e) {
  std::vector<std::string> parts;
  auto describe = [&](Expr item) {
    const Extent x = measure(item);
    parts.push_back(x.kind == Extent::fixed ? fmt::format("`{}` takes {}", item.text(), x.steps)
                                            : fmt::format("`{}` is elastic", item.text()));
  };
  if (e.node().kind == ast::Kind::sequence) {
    for (auto id : e.node().items) describe({e.module, id});
  } else {
    describe(e);
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// --- emitting ----------------------------------------------------------------------------

Built Compiler::constant_node(double value) {
  detail::Node node;
  node.op = detail::Op::constant;
  node.c0 = node.end = value;
  return {tree_->add(node), value};
}

Built Compiler::emit(Expr e, double space, double level, double start) {
  DepthGuard guard(depth_, limits::max_compile_depth);
  if (guard.too_deep()) {
    error(e.span(),
          fmt::format("the schedule nests deeper than {} levels through its bindings",
                      limits::max_compile_depth),
          "flatten the deepest bindings");
    return constant_node(nan);
  }
  const ast::Node& n = e.node();
  switch (n.kind) {
    case ast::Kind::number:
      if (n.unit != ast::Unit::none) {
        error(e.span(), "a unit can only follow a duration or another step count",
              "e.g. warmup(3 ep) or cosine(375M tok)");
      }
      return constant_node(n.number);
    case ast::Kind::boolean:
      error(e.span(), fmt::format("`{}` is not a number", n.truth ? "true" : "false"),
            "true and false are for arguments such as three_phase");
      return constant_node(nan);
    case ast::Kind::list:
      error(e.span(), "a list is not a schedule",
            "lists are arguments, as in multistep(at=[30, 60, 90])");
      return constant_node(nan);
    case ast::Kind::name:
      return emit_name(e, space, level, start);
    case ast::Kind::call:
      return emit_call(e, space, level, start);
    case ast::Kind::sequence:
      return emit_sequence(e, space, level, start);
    default:
      return emit_arithmetic(e, space, level, start);
  }
}

Built Compiler::emit_name(Expr e, double space, double level, double start) {
  const std::string& name = e.node().name;
  if (curve_ && in(curve_names, name)) {
    CurveScope& c = *curve_;
    if (name == "p" || name == "len") c.uses_length = true;
    if (name == "len") return constant_node(c.length);
    if (name == "level") return constant_node(c.level);
    detail::Node node;
    if (name == "step") {
      node.op = detail::Op::step;
    } else {  // p = τ / len, t = τ
      node.op = detail::Op::linear;
      node.c0 = 0;
      node.c1 = name == "p" ? 1.0 / c.length : 1.0;
    }
    return {tree_->add(node), nan};
  }
  if (const auto value = stdlib::find_constant(name)) return constant_node(*value);
  if (in(context_names, name)) {
    // The context's value: the host's, else the one the file bound (LANGUAGE.md §7).
    const auto& value = name == "total"             ? context_.total
                        : name == "steps_per_epoch" ? context_.steps_per_epoch
                                                    : context_.tokens_per_step;
    if (value) return constant_node(*value);
    if (!find_binding(name)) {
      error(e.span(), fmt::format("`{}` is not known here", name),
            name == "total" ? "give --total N, or a `total = N` line"
                            : fmt::format("give --set {}=N, or a `{} = N` line", name, name));
      return constant_node(nan);
    }
  }
  if (const Binding* b = find_binding(name)) {
    if (constants) {
      if (const auto it = constants->find(name); it != constants->end())
        return constant_node(it->second);
    }
    DepthGuard bindings_deep(binding_depth_, limits::max_nesting);
    if (bindings_deep.too_deep()) {
      error(e.span(), fmt::format("bindings nest deeper than {} levels", limits::max_nesting),
            "is a binding defined in terms of itself?");
      return constant_node(nan);
    }
    const std::size_t errors = diagnostics_.size();
    const Built built = emit(b->value, space, level, start);
    if (constants && !curve_ && diagnostics_.size() == errors &&
        is_plain_constant(*tree_, built.node)) {
      constants->emplace(name, tree_->nodes[built.node].c0);
    }
    return built;
  }
  if (in(curve_names, name)) {
    error(e.span(), fmt::format("`{}` only has a meaning inside curve(...)", name),
          "e.g. curve(1000, 1 - p^2)");
    return constant_node(nan);
  }
  std::string hint = did_you_mean(name, known_names());
  if (find_phase(name) || stdlib::find_function(name)) {
    hint = fmt::format("`{}` is a function: call it, as in `{}()`", name, name);
  }
  error(e.span(), fmt::format("unknown name `{}`", name), hint);
  return constant_node(nan);
}

Built Compiler::emit_call(Expr e, double space, double level, double start) {
  const ast::Node& n = e.node();
  if (find_phase(n.name)) {
    if (curve_) {
      error(e.span(), fmt::format("a phase such as `{}` cannot appear inside curve(...)", n.name),
            "curve's formula is built from p, t, len, step, total, level and numbers");
      return constant_node(nan);
    }
    return emit_phase(e, space, level, start);
  }
  if (const stdlib::Function* f = stdlib::find_function(n.name)) {
    return emit_function(e, *f, space, level, start);
  }
  std::vector<std::string> names;
  for (const auto* p : stdlib::primitives()) names.emplace_back(p->name);
  for (const auto& f : stdlib::functions()) names.emplace_back(f.name);
  if (host_phases) {
    for (const auto& [name, phase] : *host_phases) names.push_back(name);
  }
  std::string hint = did_you_mean(n.name, names);
  if (hint.empty()) hint = "`tempo --help` lists the phases and functions";
  error(e.module->span(n.begin, n.name_end), fmt::format("unknown function `{}`", n.name), hint);
  return constant_node(nan);
}

Built Compiler::emit_phase(Expr e, double space, double level, double start) {
  BoundCall& bound = bind(e);
  if (!bound.ok) return constant_node(nan);
  const Extent extent = measure(e);
  const double length = extent.kind == Extent::fixed ? extent.steps : space;
  const auto& primitive = *bound.primitive;
  if (length == detail::forever && primitive.needs_length) {
    error(e.module->span(e.node().begin, e.node().name_end),
          fmt::format("`{}` needs a length: give d or total", primitive.name),
          fmt::format("e.g. {}(10000), or --total N", primitive.name));
    return constant_node(nan);
  }
  const Built built = build_phase(*this, bound, length, level, start);
  const std::string label(e.text());
  labels_[built.node] = label;
  // Segments a phase is made of (onecycle, interp) are named after it in the phase table.
  const detail::Node& node = tree_->nodes[built.node];
  if (node.op == detail::Op::sequence) {
    for (std::uint32_t i = 0; i < node.count; ++i) {
      labels_.try_emplace(tree_->children[node.first + i],
                          fmt::format("{} [{}/{}]", label, i + 1, node.count));
    }
  }
  return built;
}

Built Compiler::emit_curve_body(Expr e, double length, double level, double start) {
  const auto saved = curve_;
  curve_ = CurveScope{length, level, start, false};
  Built body = emit(e, detail::forever, level, start);
  const bool uses_length = curve_->uses_length;
  curve_ = saved;
  // p and len need a length; a curve that runs forever may still use t and step.
  if (length == detail::forever && uses_length) {
    error(e.span(), "this curve uses p or len, so it needs a length: give d or total",
          "e.g. curve(10000, 1 - p^2), or --total N");
  }
  return body;
}

Built Compiler::emit_function(Expr e, const stdlib::Function& f, double space, double level,
                              double start) {
  const ast::Node& n = e.node();
  for (const auto& arg : n.args) {
    if (!arg.name.empty()) {
      error(e.module->span(arg.name_begin, arg.name_end),
            fmt::format("`{}` takes no named arguments", f.name));
      return constant_node(nan);
    }
  }
  const std::size_t count = n.args.size();
  if (count < f.min_args || (f.max_args != 0 && count > f.max_args)) {
    const std::string wanted = f.max_args == 0 ? fmt::format("at least {}", f.min_args)
                               : f.min_args == f.max_args
                                   ? fmt::format("{}", f.min_args)
                                   : fmt::format("{} to {}", f.min_args, f.max_args);
    error(e.module->span(n.begin, n.name_end),
          fmt::format("`{}` takes {} argument{}, but {} {} given", f.name, wanted,
                      wanted.ends_with(" 1") || wanted == "1" ? "" : "s", count,
                      count == 1 ? "was" : "were"));
    return constant_node(nan);
  }
  const Extent extent = measure(e);
  std::vector<Built> kids;
  for (const auto& arg : n.args) kids.push_back(emit({e.module, arg.value}, space, level, start));
  detail::Node node;
  node.op = f.op;
  return finish(node, kids, {}, extent.kind == Extent::fixed ? extent.steps : space, start);
}

Built Compiler::finish(detail::Node node, const std::vector<Built>& kids,
                       const std::vector<double>& aux, double length, double start) {
  detail::Tree& t = *tree_;
  std::vector<std::uint32_t> ids;
  bool all_constant = true;
  for (const Built& k : kids) {
    ids.push_back(k.node);
    all_constant = all_constant && is_plain_constant(t, k.node);
  }
  const std::uint32_t id = t.add(node, ids, aux);
  if (all_constant) {
    // Evaluate with the runtime itself, so a folded value is exactly what evaluation gives.
    const double value = t.value(id, 0.0, 0.0);
    t.children.resize(t.nodes[id].first);
    t.starts.resize(t.nodes[id].first);
    t.nodes.resize(ids.empty() ? id : std::min(id, *std::min_element(ids.begin(), ids.end())));
    return constant_node(value);
  }
  const double end = length == detail::forever ? nan : t.value(id, length, start + length);
  t.nodes[id].end = end;
  return {id, end};
}

Built Compiler::emit_arithmetic(Expr e, double space, double level, double start) {
  const ast::Node& n = e.node();
  const Extent extent = measure(e);
  const double length = extent.kind == Extent::fixed ? extent.steps : space;
  if (extent.kind == Extent::elastic && space != detail::forever) {
    // A fixed operand cannot be longer than the space the elastic node fills.
    for (auto id : n.items) {
      const Extent x = measure({e.module, id});
      if (x.kind == Extent::fixed && x.steps > space) {
        error(e.module->span(id),
              fmt::format("this takes {} steps, more than the {} its expression fills", x.steps,
                          space));
      }
    }
  }
  std::vector<Built> kids;
  for (auto id : n.items) kids.push_back(emit({e.module, id}, space, level, start));
  detail::Tree& t = *tree_;

  // One non-constant operand among constants folds into that operand's phases.
  std::size_t varying = kids.size(), varying_count = 0;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    if (!is_plain_constant(t, kids[i].node)) {
      varying = i;
      ++varying_count;
    }
  }
  auto value_of = [&](std::size_t i) { return t.nodes[kids[i].node].c0; };
  if (varying_count == 1) {
    double k = 1, offset = 0;
    bool foldable = true;
    if (n.kind == ast::Kind::negate) {
      k = -1;
    } else if (n.kind == ast::Kind::sum) {
      for (std::size_t i = 0; i < kids.size(); ++i) {
        if (i == varying) {
          k = n.ops[i] == '-' ? -1 : 1;
        } else {
          offset += n.ops[i] == '-' ? -value_of(i) : value_of(i);
        }
      }
    } else if (n.kind == ast::Kind::product) {
      for (std::size_t i = 0; i < kids.size() && foldable; ++i) {
        if (i == varying) {
          foldable = n.ops[i] == '*';
        } else {
          k = n.ops[i] == '/' ? k / value_of(i) : k * value_of(i);
        }
      }
    } else {
      foldable = false;
    }
    if (foldable && fold_affine(t, kids[varying].node, k, offset)) {
      return {kids[varying].node, t.nodes[kids[varying].node].end};
    }
  }

  detail::Node node;
  std::vector<double> aux;
  switch (n.kind) {
    case ast::Kind::negate:
      node.op = detail::Op::sum;
      aux = {-1.0};
      break;
    case ast::Kind::power:
      node.op = detail::Op::pow;
      break;
    case ast::Kind::sum:
      node.op = detail::Op::sum;
      for (char op : n.ops) aux.push_back(op == '-' ? -1.0 : 1.0);
      break;
    default:
      node.op = detail::Op::product;
      for (char op : n.ops) aux.push_back(op == '/' ? 0.0 : 1.0);
      break;
  }
  return finish(node, kids, aux, length, start);
}

Built Compiler::emit_sequence(Expr e, double space, double level, double start) {
  const ast::Node& n = e.node();
  std::vector<Expr> items;
  std::vector<Extent> extents;
  double fixed = 0;
  std::optional<std::size_t> elastic;
  std::size_t elastic_count = 0;
  for (auto id : n.items) {
    items.push_back({e.module, id});
    extents.push_back(measure(items.back()));
    if (extents.back().kind == Extent::fixed) {
      fixed += extents.back().steps;
    } else if (elastic_count++ == 0) {
      elastic = items.size() - 1;
    }
  }
  // The elastic phase fills what the others leave (LANGUAGE.md §4).
  double elastic_length = 0;
  if (elastic) {
    if (space == detail::forever) {
      elastic_length = detail::forever;
      if (*elastic + 1 != items.size() && elastic_count == 1) {  // two: measure reported it
        error(items[*elastic].span(),
              fmt::format("`{}` is elastic but not last, so its length needs total",
                          items[*elastic].text()),
              "give --total N (or a `total = N` line), or give it a duration");
        elastic_length = 0;
      }
    } else {
      elastic_length = space - fixed;
      if (elastic_length < 0) {
        error(items[*elastic].span(),
              fmt::format("no room for `{}`: the other phases take {} of {} steps",
                          items[*elastic].text(), fixed, space),
              describe_phases(e));
        elastic_length = 0;
      }
    }
  }

  std::vector<std::uint32_t> kids;
  std::vector<double> starts;
  double at = 0, current = level;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool is_elastic = elastic && *elastic == i;
    const double length = is_elastic                         ? elastic_length
                          : extents[i].kind == Extent::fixed ? extents[i].steps
                                                             : 0.0;
    const Built built = emit(items[i], length, current, start + at);
    const detail::Node& child = tree_->nodes[built.node];
    if (child.op == detail::Op::sequence) {
      // A nested sequence is laid out flat: its phases become ours.
      for (std::uint32_t k = 0; k < child.count; ++k) {
        kids.push_back(tree_->children[child.first + k]);
        starts.push_back(at + tree_->starts[child.first + k]);
      }
    } else {
      kids.push_back(built.node);
      starts.push_back(at);
    }
    current = built.end;
    at += length;
  }
  detail::Node node;
  node.op = detail::Op::sequence;
  node.length = at;
  node.end = at == detail::forever ? nan : current;
  return {tree_->add(node, kids, starts), node.end};
}

// --- constants -----------------------------------------------------------------------------

bool Compiler::is_constant(Expr e) {
  DepthGuard guard(depth_, limits::max_compile_depth);
  if (guard.too_deep()) return false;
  const ast::Node& n = e.node();
  switch (n.kind) {
    case ast::Kind::number:
      return true;
    case ast::Kind::name: {
      if (curve_ && in(curve_names, n.name)) return n.name == "len" || n.name == "level";
      if (constants && constants->count(n.name)) return true;
      const Binding* b = find_binding(n.name);
      return !b || is_constant(b->value);
    }
    case ast::Kind::call:
      if (!stdlib::find_function(n.name)) return !find_phase(n.name);
      for (const auto& a : n.args) {
        if (!is_constant({e.module, a.value})) return false;
      }
      return true;
    case ast::Kind::negate:
    case ast::Kind::power:
    case ast::Kind::sum:
    case ast::Kind::product:
      for (auto id : n.items) {
        if (!is_constant({e.module, id})) return false;
      }
      return true;
    default:
      return false;
  }
}

std::optional<double> Compiler::constant(Expr e, std::string_view what) {
  if (!is_constant(e)) {
    error(e.span(), fmt::format("`{}` must be a constant number", what),
          "arguments are fixed when the schedule is compiled");
    return std::nullopt;
  }
  detail::Tree& t = *tree_;
  const std::size_t nodes = t.nodes.size(), children = t.children.size();
  const std::size_t errors = diagnostics_.size();
  const Built built = emit(e, detail::forever, 1.0, 0.0);
  const double value = t.nodes[built.node].c0;
  t.nodes.resize(nodes);
  t.children.resize(children);
  t.starts.resize(children);
  if (diagnostics_.size() != errors) return std::nullopt;
  return value;
}

}  // namespace tempo::compiler
