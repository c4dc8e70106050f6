// resolve, for calls of phases: arguments matched to the row's parameters (positional, then
// named), curve's expression told from its duration, and the call's extent. Each argument is
// typed and checked in resolve_arguments.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <utility>

#include "call_view.hpp"
#include "resolve.hpp"
#include "tempo/limits.hpp"
#include "tempo/suggest.hpp"

namespace tempo {
namespace {

using stdlib::Kind;

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

const ir::Node& Resolver::phase(const ast::Module& module, ast::NodeId id, Scope scope) {
  const ast::Node& n = module[id];
  ir::Node& call = make(module, id, ir::Kind::phase);
  call.row = find_phase(n.name);
  const auto params = call.row->params;
  call.args.resize(params.size());
  // Spans hold the source file by shared_ptr (an atomic count): made only for an error.
  const auto name_span = [&] { return module.span(n.begin, n.name_end); };
  // Each parameter's value node and the place of its argument in the call (for `written`).
  struct Given {
    ast::NodeId value = 0;
    std::size_t arg = 0;
  };
  // On the stack for rows of up to 8 parameters (every built-in one): no allocation per call.
  std::array<Given, 8> few{};
  std::vector<Given> many(params.size() > few.size() ? params.size() : 0);
  const std::span<Given> values =
      many.empty() ? std::span<Given>(few.data(), params.size()) : std::span<Given>(many);
  std::vector<std::size_t> point_args;  // the arguments that are points, by place
  bool ok = true;

  // Match: positional arguments in order, then named ones.
  std::size_t positional = 0, positional_given = 0;
  bool named_seen = false;
  call.written.assign(n.args.size(), nullptr);  // filled as each argument is typed
  for (std::size_t place = 0; place < n.args.size(); ++place) {
    const ast::Argument& arg = n.args[place];
    SourceSpan span = arg.name.empty() ? module.span(arg.value)
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
              fmt::format("write it as a named argument: {}", stdlib::signature(*call.row)));
        ok = false;
        continue;
      }
      if (takes_points(*call.row)) {
        point_args.push_back(place);
        continue;
      }
      if (positional >= params.size()) continue;  // counted and reported below
      index = positional++;
    } else {
      named_seen = true;
      const auto arg_name = [&] { return module.span(arg.name_begin, arg.name_end); };
      // The parameters a name may give (points are positional only), searched in place: the
      // list of names is made only for the error.
      std::size_t found = 0;
      while (found < params.size() &&
             (params[found].kind == Kind::points || params[found].name != arg.name)) {
        ++found;
      }
      if (found == params.size()) {
        std::vector<std::string> names;
        for (const auto& p : params) {
          if (p.kind != Kind::points) names.emplace_back(p.name);
        }
        const std::string guess = did_you_mean(arg.name, names);
        error(arg_name(), fmt::format("`{}` has no argument `{}`", n.name, arg.name),
              fmt::format("{}valid arguments: {}", guess.empty() ? "" : guess + " ",
                          parameter_names(*call.row)));
        ok = false;
        continue;
      }
      index = found;
      if (call.args[index].given) {
        error(arg_name(), fmt::format("argument `{}` is given twice", arg.name));
        ok = false;
        continue;
      }
    }
    call.args[index].given = true;
    call.args[index].span = std::move(span);
    values[index] = {arg.value, place};
  }
  if (!takes_points(*call.row) && positional_given > params.size()) {
    error(name_span(),
          fmt::format("`{}` takes at most {} arguments, but {} were given", n.name, params.size(),
                      positional_given),
          stdlib::signature(*call.row));
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
    const bool expression = !resolve(module, values[0].value, {true}).is_constant();
    std::swap(probe_errors, diagnostics_);
    if (expression) {
      std::swap(call.args[0], call.args[1]);
      std::swap(values[0], values[1]);
    }
  }

  // Type and check each given argument; its value node is kept for printing.
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i].required && !call.args[i].given) {
      error(name_span(), fmt::format("`{}` needs the argument `{}`", n.name, params[i].name),
            stdlib::signature(*call.row));
      ok = false;
    }
    if (!call.args[i].given) continue;
    const Kind kind = params[i].kind;
    const ast::NodeId value_id = values[i].value;
    const ast::Node& value = module[value_id];
    const bool word = kind == Kind::choice || kind == Kind::boolean || kind == Kind::name;
    const bool list = kind == Kind::step_list && value.kind == ast::Kind::list;
    ir::Node* node = nullptr;
    if (word || list) {
      node = &make(module, value_id, word ? ir::Kind::word : ir::Kind::list);
    } else if (value.kind == ast::Kind::list) {
      error(module.span(value_id),
            kind == Kind::schedule || kind == Kind::expression || kind == Kind::body
                ? fmt::format("`{}` must be a schedule, not a list", params[i].name)
            : kind == Kind::duration || kind == Kind::steps
                ? fmt::format("`{}` must be a number of steps, not a list", params[i].name)
                : fmt::format("`{}` must be a number, not a list", params[i].name));
      ok = false;
      continue;
    } else {
      node = const_cast<ir::Node*>(
          &resolve(module, value_id, {scope.curve || kind == Kind::expression}));
    }
    call.args[i].value = node;
    call.written[values[i].arg] = node;
    if (node->kind == ir::Kind::invalid || !argument(call, i, scope)) ok = false;
  }
  if (takes_points(*call.row)) {
    std::vector<const ir::Node*> point_nodes;
    for (std::size_t place : point_args) {
      ir::Node& list = make(module, n.args[place].value, ir::Kind::list);
      point_nodes.push_back(&list);
      call.written[place] = &list;
    }
    ok = points(call, point_nodes) && ok;
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
    error(name_span(), fmt::format("`{}` takes more than 2^53 steps", n.name),
          "steps beyond 2^53 are not exact in double precision");
    return invalid(module, id);
  }
  return call;
}

}  // namespace tempo
