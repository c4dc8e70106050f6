// resolve, for calls of phases: arguments matched to the row's parameters (positional, then
// named), every value typed by its parameter's kind (durations by LANGUAGE.md §3) and checked
// against its range.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "call_view.hpp"
#include "resolve.hpp"
#include "suggest.hpp"
#include "tempo/limits.hpp"

namespace tempo {
namespace {

using stdlib::Kind;
using stdlib::Param;

std::string parameter_names(const stdlib::Primitive& primitive) {
  std::string out;
  for (const auto& p : primitive.params) {
    if (p.kind == Kind::points) continue;
    out += (out.empty() ? "" : ", ") + std::string(p.name);
  }
  return out;
}

bool takes_points(const stdlib::Primitive& row) {
  return !row.params.empty() && row.params[0].kind == Kind::points;
}

}  // namespace

std::string signature(const stdlib::Primitive& primitive) {
  std::string out = std::string(primitive.name) + "(";
  bool first = true;
  for (const auto& p : primitive.params) {
    out += first ? "" : ", ";
    first = false;
    if (p.kind == Kind::points) {
      out += "[x0, y0], [x1, y1], …";
      continue;
    }
    const std::string fallback = stdlib::default_text(p);
    out += fallback.empty() || p.required ? std::string(p.name)
                                          : fmt::format("{}={}", p.name, fallback);
  }
  return out + ")";
}

const ir::Node& Resolver::phase(const ast::Module& module, ast::NodeId id, Scope scope) {
  const ast::Node& n = module[id];
  ir::Node& call = make(module, id, ir::Kind::phase);
  call.row = find_phase(n.name);
  const auto params = call.row->params;
  call.args.resize(params.size());
  const SourceSpan name_span = module.span(n.begin, n.name_end);
  std::vector<ast::NodeId> values(params.size());
  std::vector<ast::NodeId> point_values;
  bool ok = true;

  // Match: positional arguments in order, then named ones.
  std::size_t positional = 0, positional_given = 0;
  bool named_seen = false;
  for (const auto& arg : n.args) {
    const SourceSpan span = arg.name.empty() ? module.span(arg.value)
                                             : module.span(arg.name_begin, module[arg.value].end);
    std::size_t index = 0;
    if (arg.name.empty()) {
      // `warmup(100,000)` is not a hundred thousand steps but two arguments.
      const ast::Node& v = module[arg.value];
      const std::string_view source(module.file->text());
      if (positional_given > 0 && v.kind == ast::Kind::number && v.end - v.begin == 3 &&
          v.begin >= 2 && source[v.begin - 1] == ',' &&
          std::isdigit(static_cast<unsigned char>(source[v.begin - 2]))) {
        error(module.span(v.begin - 1, v.end), "a number cannot be grouped with `,`",
              "group digits with `_`, as in 100_000 (or write 100k)");
        ok = false;
      }
      ++positional_given;
      if (named_seen) {
        error(span, "a positional argument cannot follow named ones",
              fmt::format("write it as a named argument: {}", signature(*call.row)));
        ok = false;
        continue;
      }
      if (takes_points(*call.row)) {
        point_values.push_back(arg.value);
        continue;
      }
      if (positional >= params.size()) continue;  // counted and reported below
      index = positional++;
    } else {
      named_seen = true;
      const SourceSpan arg_name = module.span(arg.name_begin, arg.name_end);
      std::vector<std::string> names;
      for (const auto& p : params) {
        if (p.kind != Kind::points) names.emplace_back(p.name);
      }
      const auto found = std::find(names.begin(), names.end(), arg.name);
      if (found == names.end()) {
        const std::string guess = did_you_mean(arg.name, names);
        error(arg_name, fmt::format("`{}` has no argument `{}`", n.name, arg.name),
              fmt::format("{}valid arguments: {}", guess.empty() ? "" : guess + " ",
                          parameter_names(*call.row)));
        ok = false;
        continue;
      }
      index = static_cast<std::size_t>(found - names.begin()) + (takes_points(*call.row) ? 1 : 0);
      if (call.args[index].given) {
        error(arg_name, fmt::format("argument `{}` is given twice", arg.name));
        ok = false;
        continue;
      }
    }
    call.args[index].given = true;
    call.args[index].span = span;
    values[index] = arg.value;
  }
  if (!takes_points(*call.row) && positional_given > params.size()) {
    error(name_span,
          fmt::format("`{}` takes at most {} arguments, but {} were given", n.name, params.size(),
                      positional_given),
          signature(*call.row));
    ok = false;
  }

  // A row whose duration is followed by an expression (curve) may be called with the expression
  // alone: a single positional argument that is not a constant is the expression, and the phase
  // is elastic (LANGUAGE.md §10.8).
  if (params.size() >= 2 && params[0].kind == Kind::duration &&
      params[1].kind == Kind::expression && positional_given == 1 && call.args[0].given &&
      !call.args[1].given && n.args[0].name.empty()) {
    std::vector<Diagnostic> probe_errors;
    std::swap(probe_errors, diagnostics_);
    const bool expression = !resolve(module, values[0], {true}).is_constant();
    std::swap(probe_errors, diagnostics_);
    if (expression) {
      std::swap(call.args[0], call.args[1]);
      std::swap(values[0], values[1]);
    }
  }

  // Type and check each given argument; its value node is kept for printing.
  std::map<ast::NodeId, const ir::Node*> written;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i].required && !call.args[i].given) {
      error(name_span, fmt::format("`{}` needs the argument `{}`", n.name, params[i].name),
            signature(*call.row));
      ok = false;
    }
    if (!call.args[i].given) continue;
    const Kind kind = params[i].kind;
    const ast::Node& value = module[values[i]];
    const bool word = kind == Kind::choice || kind == Kind::boolean || kind == Kind::name;
    const bool list = kind == Kind::step_list && value.kind == ast::Kind::list;
    ir::Node* node = nullptr;
    if (word || list) {
      node = &make(module, values[i], word ? ir::Kind::word : ir::Kind::list);
    } else if (value.kind == ast::Kind::list) {
      error(module.span(values[i]),
            kind == Kind::schedule || kind == Kind::expression || kind == Kind::body
                ? fmt::format("`{}` must be a schedule, not a list", params[i].name)
            : kind == Kind::duration || kind == Kind::steps
                ? fmt::format("`{}` must be a number of steps, not a list", params[i].name)
                : fmt::format("`{}` must be a number, not a list", params[i].name));
      ok = false;
      continue;
    } else {
      node = const_cast<ir::Node*>(
          &resolve(module, values[i], {scope.curve || kind == Kind::expression}));
    }
    call.args[i].value = node;
    written[values[i]] = node;
    if (node->kind == ir::Kind::invalid || !argument(call, i, scope)) ok = false;
  }
  if (takes_points(*call.row)) {
    std::vector<const ir::Node*> point_nodes;
    for (ast::NodeId p : point_values) {
      ir::Node& list = make(module, p, ir::Kind::list);
      point_nodes.push_back(&list);
      written[p] = &list;
    }
    ok = points(call, point_nodes) && ok;
  }
  for (const auto& arg : n.args) {
    const auto it = written.find(arg.value);
    call.written.push_back(it == written.end() ? nullptr : it->second);
  }
  if (!ok) return invalid(module, id);
  call.nesting = ir::nesting_of(call.written);

  // Its extent: its own length (combinators), its duration, or elastic.
  if (call.row->own_length) {
    CallView view(call, {}, diagnostics_);
    const auto length = call.row->own_length(view);
    call.extent = length ? ir::Extent{ir::Extent::fixed, *length} : ir::Extent{ir::Extent::elastic};
  } else if (call.args[0].given) {
    call.extent = {ir::Extent::fixed, call.args[0].number};
  } else {
    call.extent = {ir::Extent::elastic, 0};
  }
  if (call.extent.steps > limits::max_steps) {
    error(name_span, fmt::format("`{}` takes more than 2^53 steps", n.name),
          "steps beyond 2^53 are not exact in double precision");
    return invalid(module, id);
  }
  return call;
}

bool Resolver::argument(ir::Node& call, std::size_t index, Scope) {
  const Param& param = call.row->params[index];
  ir::Argument& arg = call.args[index];
  ir::Node& value = const_cast<ir::Node&>(*arg.value);
  const ast::Node& node = value.ast();
  auto fail = [&](std::string message, std::string hint = {}) {
    error(value.span(), std::move(message), std::move(hint));
    return false;
  };
  switch (param.kind) {
    case Kind::duration:
    case Kind::steps: {
      const auto steps_value = steps(value, param.name);
      if (!steps_value || !check_range(param, *steps_value, value.span())) return false;
      arg.number = *steps_value;
      return true;
    }
    case Kind::number:
    case Kind::level:
    case Kind::count: {
      const auto number = constant(value, param.name);
      if (!number || !check_range(param, *number, value.span())) return false;
      if (param.kind == Kind::count && *number != std::floor(*number)) {
        return fail(fmt::format("`{}` must be a whole number, got {}", param.name, *number));
      }
      arg.number = *number;
      return true;
    }
    case Kind::choice: {
      std::vector<std::string> names(param.choices.begin(), param.choices.end());
      const std::string list = fmt::format("{}", fmt::join(names, ", "));
      if (node.kind != ast::Kind::name || node.parenthesized) {
        return fail(fmt::format("`{}` takes a name: one of {}", param.name, list));
      }
      const auto found = std::find(param.choices.begin(), param.choices.end(), node.name);
      if (found == param.choices.end()) {
        return fail(fmt::format("`{}` must be one of {}, not `{}`", param.name, list, node.name),
                    did_you_mean(node.name, names));
      }
      arg.choice = *found;
      return true;
    }
    case Kind::name:
      if (node.kind != ast::Kind::name || node.parenthesized) {
        return fail(fmt::format("`{}` takes a name, such as {}=val_loss", param.name, param.name),
                    "the name the host reports its observations under");
      }
      arg.choice = node.name;
      return true;
    case Kind::boolean:
      if (node.kind != ast::Kind::boolean) {
        return fail(fmt::format("`{}` must be true or false", param.name));
      }
      arg.number = node.truth ? 1.0 : 0.0;
      return true;
    case Kind::step_list: {
      if (value.kind != ir::Kind::list) {
        return fail(fmt::format("`{}` must be a list of steps, such as [30, 60, 90]", param.name));
      }
      bool ok = true;
      for (const ast::NodeId item : node.items) {
        const ir::Node& element_node = resolve(*value.module, item, {});
        value.items.push_back(&element_node);
        const auto step =
            element_node.kind == ir::Kind::invalid ? std::nullopt : steps(element_node, param.name);
        if (!step) {
          ok = false;
          continue;
        }
        if (!arg.list.empty() && *step <= arg.list.back()) {
          error(element_node.span(),
                fmt::format("`{}` must be strictly increasing, but {} comes after {}", param.name,
                            *step, arg.list.back()));
          ok = false;
        }
        arg.list.push_back(*step);
      }
      return ok;
    }
    case Kind::schedule:
      if (value.extent.kind != ir::Extent::fixed || value.extent.steps <= 0) {
        return fail(fmt::format("`{}` must be a schedule with a fixed length of at least one step",
                                param.name),
                    "give its phases durations, e.g. repeat(warmup(100) >> cosine(900), 3)");
      }
      return true;
    case Kind::body:
    case Kind::expression:
    case Kind::points:
      return true;
  }
  return true;
}

bool Resolver::points(ir::Node& call, const std::vector<const ir::Node*>& written) {
  const ast::Node& n = call.ast();
  const SourceSpan name_span = call.module->span(n.begin, n.name_end);
  bool ok = true;
  if (written.size() < 2) {
    error(name_span, fmt::format("`{}` needs at least two points", n.name),
          "e.g. interp([0, 0], [100, 1])");
    ok = false;
  }
  for (const ir::Node* point : written) {
    ir::Node& list_node = const_cast<ir::Node&>(*point);
    const ast::Node& list = point->ast();
    if (list.kind != ast::Kind::list || list.items.size() != 2) {
      error(point->span(), "each point is a list of two numbers [x, y]",
            "e.g. interp([0, 0], [100, 1])");
      ok = false;
      continue;
    }
    const ast::Module& module = *point->module;
    const ir::Node& x_node = resolve(module, list.items[0], {});
    const ir::Node& y_node = resolve(module, list.items[1], {});
    list_node.items = {&x_node, &y_node};
    std::optional<double> x, y;
    if (x_node.kind != ir::Kind::invalid) x = steps(x_node, "x");
    if (y_node.kind != ir::Kind::invalid) y = constant(y_node, "y");
    if (!x || !y) {
      ok = false;
      continue;
    }
    if (call.points.empty() && *x != 0) {
      error(x_node.span(), fmt::format("the first x must be 0, got {}", *x),
            "interp starts at its own step 0");
      ok = false;
    } else if (!call.points.empty() && *x <= call.points.back()[0]) {
      error(x_node.span(), fmt::format("the x must be strictly increasing, but {} comes after {}",
                                       *x, call.points.back()[0]));
      ok = false;
    }
    call.points.push_back({*x, *y});
  }
  return ok;
}

std::optional<double> Resolver::steps(const ir::Node& value, std::string_view what) {
  const ast::Node& n = value.ast();
  double result = 0;
  const SourceSpan span = value.span();
  if (n.kind == ast::Kind::number && n.unit == ast::Unit::none && !n.parenthesized &&
      (n.has_dot || n.has_percent) && !n.has_magnitude) {
    // A bare fraction of total (LANGUAGE.md §3): 0.9, 90%.
    if (n.number > 1) {
      error(span, fmt::format("a fraction of total must be between 0 and 1, got {}", value.text()),
            n.has_percent
                ? std::string("a share of the run is at most 100%; a number of steps is written "
                              "as one, e.g. 1500")
                : fmt::format("for {} steps write ({}); for thousands use k, as in {}k",
                              value.text(), value.text(), value.text()));
      return std::nullopt;
    }
    if (!context.total) {
      error(span, fmt::format("`{}` is a fraction of total, but total is not known", value.text()),
            "give --total N (or a `total = N` line), or write a step count such as 2000");
      return std::nullopt;
    }
    result = n.number * *context.total;
  } else {
    if (!value.is_constant()) {
      error(span, fmt::format("`{}` must be a constant number of steps", what),
            "a duration cannot depend on a schedule");
      return std::nullopt;
    }
    result = *value.value;
  }
  if (!std::isfinite(result)) {
    error(span, fmt::format("`{}` must be a finite number of steps, got {}", what, result));
    return std::nullopt;
  }
  if (result < 0) {
    error(span, fmt::format("`{}` must be ≥ 0 steps, got {}", what, result));
    return std::nullopt;
  }
  if (result > limits::max_steps) {
    error(span, fmt::format("`{}` is more than 2^53 steps", what),
          "steps beyond 2^53 are not exact in double precision");
    return std::nullopt;
  }
  return std::round(result);  // half away from zero (LANGUAGE.md §3)
}

bool Resolver::check_range(const Param& param, double value, const SourceSpan& span) {
  using stdlib::Range;
  const char* rule = nullptr;
  switch (param.range) {
    case Range::any:
      break;
    case Range::positive:
      rule = value > 0 ? nullptr : "> 0";
      break;
    case Range::non_negative:
      rule = value >= 0 ? nullptr : "≥ 0";
      break;
    case Range::at_least_one:
      rule = value >= 1 ? nullptr : "≥ 1";
      break;
    case Range::open_unit:
      rule = value > 0 && value < 1 ? nullptr : "between 0 and 1 (exclusive)";
      break;
  }
  if (rule == nullptr && std::isnan(value)) rule = "a number";
  if (rule == nullptr) return true;
  error(span, fmt::format("`{}` must be {}, got {}", param.name, rule, value));
  return false;
}

}  // namespace tempo
