// Calls checked against the registration table: arguments matched to parameters (positional,
// then named), every value resolved to its kind (durations by LANGUAGE.md §3) and checked
// against its range. PhaseCall is the stdlib's view of one checked call.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compiler.hpp"
#include "limits.hpp"
#include "suggest.hpp"

namespace tempo::compiler {
namespace {

using stdlib::Kind;
using stdlib::Param;

std::string default_text(const Param& p) {
  switch (p.kind) {
    case Kind::level:
      return "L";
    case Kind::choice:
      return std::string(p.choices[0]);
    case Kind::boolean:
      return "false";
    default:
      return p.fallback ? fmt::format("{}", *p.fallback) : std::string();
  }
}

std::string parameter_names(const stdlib::Primitive& primitive) {
  std::string out;
  for (const auto& p : primitive.params) {
    if (p.kind == Kind::points) continue;
    out += (out.empty() ? "" : ", ") + std::string(p.name);
  }
  return out;
}

bool is_list(const Expr& e) {
  return e.node().kind == ast::Kind::list;
}

}  // namespace

// The call as written in LANGUAGE.md §5: `cosine(d, min=0, max=L)`.
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
    const std::string fallback = default_text(p);
    out += fallback.empty() || p.required ? std::string(p.name)
                                          : fmt::format("{}={}", p.name, fallback);
  }
  return out + ")";
}

class PhaseCall final : public stdlib::Call {
 public:
  PhaseCall(Compiler& compiler, BoundCall& bound, double length, double level, double start)
      : c_(compiler), b_(bound), length_(length), level_(level), start_(start) {}

  double length() const override { return length_; }
  double level() const override { return level_; }
  double start() const override { return start_; }
  bool given(std::size_t i) const override { return b_.slots[i].given; }
  double number(std::size_t i) const override {
    const Param& p = b_.primitive->params[i];
    if (b_.slots[i].given) return b_.slots[i].number;
    if (p.kind == Kind::level) return level_;
    return p.fallback.value_or(0.0);
  }
  std::string_view choice(std::size_t i) const override {
    return b_.slots[i].given ? std::string_view(b_.slots[i].choice)
                             : b_.primitive->params[i].choices[0];
  }
  const std::vector<double>& list(std::size_t i) const override { return b_.slots[i].list; }
  const std::vector<std::array<double, 2>>& points() const override { return b_.points; }
  detail::Tree& tree() override { return c_.tree(); }
  void error(std::size_t i, std::string message, std::string hint) override {
    const SourceSpan span = b_.slots[i].given ? b_.slots[i].span : b_.call.span();
    c_.error(span, std::move(message), std::move(hint));
  }
  double length_of(std::size_t i) override {
    const Slot& slot = b_.slots[i];
    const Extent extent = c_.measure(slot.expr);
    if (extent.kind != Extent::fixed || extent.steps <= 0) {
      c_.error(slot.span,
               fmt::format("`{}` must be a schedule with a fixed length of at least one step",
                           b_.primitive->params[i].name),
               "give its phases durations, e.g. repeat(warmup(100) >> cosine(900), 3)");
      return 1;
    }
    return extent.steps;
  }
  const stdlib::Primitive& primitive() const override { return *b_.primitive; }
  void call_error(std::string message, std::string hint) override {
    c_.error(b_.call.module->span(b_.call.node().begin, b_.call.node().name_end),
             std::move(message), std::move(hint));
  }
  stdlib::Built compile(std::size_t i, double length, double level) override {
    const Slot& slot = b_.slots[i];
    if (b_.primitive->params[i].kind == Kind::expression) {
      return c_.emit_curve_body(slot.expr, length, level, start_);
    }
    return c_.emit(slot.expr, length, level, start_);
  }

 private:
  Compiler& c_;
  BoundCall& b_;
  double length_, level_, start_;
};

stdlib::Built build_phase(Compiler& compiler, BoundCall& bound, double length, double level,
                          double start) {
  PhaseCall call(compiler, bound, length, level, start);
  return bound.primitive->build(call);
}

std::optional<double> own_length(Compiler& compiler, BoundCall& bound) {
  PhaseCall call(compiler, bound, detail::forever, 1.0, 0.0);
  return bound.primitive->own_length(call);
}

BoundCall& Compiler::bind(Expr e) {
  auto [it, inserted] = calls_.try_emplace(e);
  BoundCall& b = it->second;
  if (!inserted) return b;
  const ast::Node& node = e.node();
  b.call = e;
  b.primitive = find_phase(node.name);
  const auto params = b.primitive->params;
  b.slots.resize(params.size());
  const SourceSpan name_span = e.module->span(node.begin, node.name_end);

  std::vector<Expr> points;
  std::size_t positional = 0, positional_given = 0;
  bool named_seen = false;
  for (const auto& arg : node.args) {
    const Expr value{e.module, arg.value};
    const SourceSpan span = arg.name.empty()
                                ? value.span()
                                : e.module->span(arg.name_begin, (*e.module)[arg.value].end);
    std::size_t index = 0;
    if (arg.name.empty()) {
      ++positional_given;
      if (named_seen) {
        error(span, "a positional argument cannot follow named ones",
              fmt::format("write it as a named argument: {}", signature(*b.primitive)));
        b.ok = false;
        continue;
      }
      if (params[0].kind == Kind::points) {
        points.push_back(value);
        continue;
      }
      if (positional >= params.size()) continue;  // counted and reported below
      index = positional++;
    } else {
      named_seen = true;
      const SourceSpan arg_name = e.module->span(arg.name_begin, arg.name_end);
      std::vector<std::string> names;
      for (const auto& p : params) {
        if (p.kind != Kind::points) names.emplace_back(p.name);
      }
      const auto found = std::find(names.begin(), names.end(), arg.name);
      if (found == names.end()) {
        const std::string guess = did_you_mean(arg.name, names);
        error(arg_name, fmt::format("`{}` has no argument `{}`", node.name, arg.name),
              fmt::format("{}valid arguments: {}", guess.empty() ? "" : guess + " ",
                          parameter_names(*b.primitive)));
        b.ok = false;
        continue;
      }
      index = static_cast<std::size_t>(found - names.begin()) +
              (params[0].kind == Kind::points ? 1 : 0);
      if (b.slots[index].given) {
        error(arg_name, fmt::format("argument `{}` is given twice", arg.name));
        b.ok = false;
        continue;
      }
    }
    b.slots[index].given = true;
    b.slots[index].expr = value;
    b.slots[index].span = span;
  }

  if (params[0].kind != Kind::points && positional_given > params.size()) {
    error(name_span,
          fmt::format("`{}` takes at most {} arguments, but {} were given", node.name,
                      params.size(), positional_given),
          signature(*b.primitive));
    b.ok = false;
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i].required && !b.slots[i].given) {
      error(name_span, fmt::format("`{}` needs the argument `{}`", node.name, params[i].name),
            signature(*b.primitive));
      b.ok = false;
    }
    if (b.slots[i].given) resolve(b, i);
  }

  if (params[0].kind == Kind::points) {
    if (points.size() < 2) {
      error(name_span, fmt::format("`{}` needs at least two points", node.name),
            "e.g. interp([0, 0], [100, 1])");
      b.ok = false;
    }
    for (const Expr& point : points) {
      const ast::Node& list = point.node();
      if (list.kind != ast::Kind::list || list.items.size() != 2) {
        error(point.span(), "each point is a list of two numbers [x, y]",
              "e.g. interp([0, 0], [100, 1])");
        b.ok = false;
        continue;
      }
      const auto x = steps({point.module, list.items[0]}, "x");
      const auto y = constant({point.module, list.items[1]}, "y");
      if (!x || !y) {
        b.ok = false;
        continue;
      }
      const SourceSpan x_span = point.module->span(list.items[0]);
      if (b.points.empty() && *x != 0) {
        error(x_span, fmt::format("the first x must be 0, got {}", *x),
              "interp starts at its own step 0");
        b.ok = false;
      } else if (!b.points.empty() && *x <= b.points.back()[0]) {
        error(x_span, fmt::format("the x must be strictly increasing, but {} comes after {}", *x,
                                  b.points.back()[0]));
        b.ok = false;
      }
      b.points.push_back({*x, *y});
    }
  }
  return b;
}

void Compiler::resolve(BoundCall& b, std::size_t index) {
  const Param& param = b.primitive->params[index];
  Slot& slot = b.slots[index];
  const Expr e = slot.expr;
  const ast::Node& node = e.node();
  auto fail = [&](std::string message, std::string hint = {}) {
    error(e.span(), std::move(message), std::move(hint));
    b.ok = false;
  };
  switch (param.kind) {
    case Kind::duration:
    case Kind::steps: {
      const auto value = steps(e, param.name);
      if (!value || !check_range(param, *value, e.span())) {
        b.ok = false;
        return;
      }
      slot.number = *value;
      return;
    }
    case Kind::number:
    case Kind::level:
    case Kind::count: {
      if (is_list(e)) return fail(fmt::format("`{}` must be a number, not a list", param.name));
      const auto value = constant(e, param.name);
      if (!value || !check_range(param, *value, e.span())) {
        b.ok = false;
        return;
      }
      if (param.kind == Kind::count && *value != std::floor(*value)) {
        return fail(fmt::format("`{}` must be a whole number, got {}", param.name, *value));
      }
      slot.number = *value;
      return;
    }
    case Kind::choice: {
      std::vector<std::string> names(param.choices.begin(), param.choices.end());
      const std::string list = fmt::format("{}", fmt::join(names, ", "));
      if (node.kind != ast::Kind::name || node.parenthesized) {
        return fail(fmt::format("`{}` takes a name: one of {}", param.name, list));
      }
      if (std::find(names.begin(), names.end(), node.name) == names.end()) {
        const std::string guess = did_you_mean(node.name, names);
        return fail(fmt::format("`{}` must be one of {}, not `{}`", param.name, list, node.name),
                    guess);
      }
      slot.choice = node.name;
      return;
    }
    case Kind::boolean:
      if (node.kind != ast::Kind::boolean) {
        return fail(fmt::format("`{}` must be true or false", param.name));
      }
      slot.number = node.truth ? 1.0 : 0.0;
      return;
    case Kind::step_list: {
      if (!is_list(e)) {
        return fail(fmt::format("`{}` must be a list of steps, such as [30, 60, 90]", param.name));
      }
      for (const ast::NodeId item : node.items) {
        const Expr element{e.module, item};
        const auto value = steps(element, param.name);
        if (!value) {
          b.ok = false;
          continue;
        }
        if (!slot.list.empty() && *value <= slot.list.back()) {
          error(element.span(),
                fmt::format("`{}` must be strictly increasing, but {} comes after {}", param.name,
                            *value, slot.list.back()));
          b.ok = false;
        }
        slot.list.push_back(*value);
      }
      return;
    }
    case Kind::schedule:
    case Kind::expression:
      if (is_list(e)) return fail(fmt::format("`{}` must be a schedule, not a list", param.name));
      return;
    case Kind::points:
      return;
  }
}

std::optional<double> Compiler::steps(Expr e, std::string_view what) {
  const ast::Node& n = e.node();
  double value = 0;
  if (n.kind == ast::Kind::list) {
    error(e.span(), fmt::format("`{}` must be a number of steps, not a list", what));
    return std::nullopt;
  }
  if (n.kind == ast::Kind::number && n.unit != ast::Unit::none) {
    value = n.number;
    if (n.unit == ast::Unit::epochs) {
      if (!context_.steps_per_epoch) {
        error(e.span(),
              fmt::format("`{}` is in epochs, but steps_per_epoch is not known", e.text()),
              "give --set steps_per_epoch=N, or a `steps_per_epoch = N` line");
        return std::nullopt;
      }
      value *= *context_.steps_per_epoch;
    } else if (n.unit == ast::Unit::tokens) {
      if (!context_.tokens_per_step) {
        error(e.span(),
              fmt::format("`{}` is in tokens, but tokens_per_step is not known", e.text()),
              "give --set tokens_per_step=N, or a `tokens_per_step = N` line");
        return std::nullopt;
      }
      value /= *context_.tokens_per_step;
    }
  } else if (n.kind == ast::Kind::number && !n.parenthesized && (n.has_dot || n.has_percent) &&
             !n.has_magnitude) {
    // A bare fraction of total (LANGUAGE.md §3): 0.9, 90%.
    if (n.number > 1) {
      error(e.span(), fmt::format("a fraction of total must be between 0 and 1, got {}", e.text()),
            fmt::format("for a step count write ({}) or use k, M, B", e.text()));
      return std::nullopt;
    }
    if (!context_.total) {
      error(e.span(), fmt::format("`{}` is a fraction of total, but total is not known", e.text()),
            "give --total N (or a `total = N` line), or write a step count such as 2000");
      return std::nullopt;
    }
    value = n.number * *context_.total;
  } else {
    if (!is_constant(e)) {
      error(e.span(), fmt::format("`{}` must be a constant number of steps", what),
            "a duration cannot depend on a schedule");
      return std::nullopt;
    }
    const auto v = constant(e, what);
    if (!v) return std::nullopt;
    value = *v;
  }
  if (!std::isfinite(value)) {
    error(e.span(), fmt::format("`{}` must be a finite number of steps, got {}", what, value));
    return std::nullopt;
  }
  if (value < 0) {
    error(e.span(), fmt::format("`{}` must be ≥ 0 steps, got {}", what, value));
    return std::nullopt;
  }
  if (value > limits::max_steps) {
    error(e.span(), fmt::format("`{}` is more than 2^53 steps", what),
          "steps beyond 2^53 are not exact in double precision");
    return std::nullopt;
  }
  return std::round(value);  // half away from zero (LANGUAGE.md §3)
}

bool Compiler::check_range(const Param& param, double value, const SourceSpan& span) {
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

}  // namespace tempo::compiler
