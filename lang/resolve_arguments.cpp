// resolve, for one argument of a phase: its value typed by its parameter's kind (durations and
// fractions of total by LANGUAGE.md §3, lists, choices, interp's points) and checked against
// its range.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "resolve.hpp"
#include "tempo/limits.hpp"
#include "tempo/suggest.hpp"

namespace tempo {

using stdlib::Kind;
using stdlib::Param;

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
      // The list of choices is only written out for an error.
      const auto list = [&] { return fmt::format("{}", fmt::join(param.choices, ", ")); };
      if (node.kind != ast::Kind::name || node.parenthesized) {
        return fail(fmt::format("`{}` takes a name: one of {}", param.name, list()));
      }
      const auto found = std::find(param.choices.begin(), param.choices.end(), node.name);
      if (found == param.choices.end()) {
        const std::vector<std::string> names(param.choices.begin(), param.choices.end());
        return fail(fmt::format("`{}` must be one of {}, not `{}`", param.name, list(), node.name),
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
