// Branches of a trunk (branch.hpp): the new source is written around the trunk's own text, compiled
// with the trunk's context, and accepted only if tempo::continues proves it plays the trunk's
// values before the branch point.
#include "tempo/branch.hpp"

#include <fmt/format.h>

#include <cmath>

#include "ast.hpp"
#include "tempo/continuation.hpp"

namespace tempo {
namespace {

template <typename T>
Result<T> failed(std::vector<Diagnostic> diagnostics) {
  Result<T> result;
  result.diagnostics = std::move(diagnostics);
  return result;
}

template <typename T>
Result<T> failed(std::string message, std::string hint = {}) {
  return failed<T>(std::vector<Diagnostic>{{{}, std::move(message), std::move(hint)}});
}

Options with_context(const Schedule& trunk, const Options& options) {
  Options o = options;
  const auto given = [](double x) { return std::isnan(x) ? std::nullopt : std::optional(x); };
  o.total = given(trunk.total());
  o.steps_per_epoch = given(trunk.steps_per_epoch());
  o.tokens_per_step = given(trunk.tokens_per_step());
  o.set.clear();
  o.name.clear();
  o.source_name = "<branch>";
  return o;
}

// A canonical source is `name = value; ` for each shared binding, then the expression: the
// bindings and the expression, apart.
std::pair<std::string, std::string> split_canonical(const std::string& source) {
  std::vector<Diagnostic> ignored;
  const ast::Module module =
      ast::parse(std::make_shared<const SourceFile>("<canonical>", source), ignored);
  if (module.statements.size() < 2) return {"", source};
  const ast::Statement& last_binding = module.statements[module.statements.size() - 2];
  const std::size_t semicolon = source.find(';', module[last_binding.value].end);
  if (semicolon == std::string::npos) return {"", source};
  std::size_t rest = semicolon + 1;
  while (rest < source.size() && source[rest] == ' ') ++rest;
  return {source.substr(0, rest), source.substr(rest)};
}

// The error when a branch does not continue its trunk.
std::string parted(const Continuation& c, double at) {
  return fmt::format(
      "the branch does not continue the trunk before step {}: at step {} the trunk is {} and "
      "the branch {}",
      at, c.step, c.old_value, c.new_value);
}

}  // namespace

Result<Branch> branch(const Schedule& trunk, double at, std::string_view then,
                      const Options& options) {
  if (!(at >= 0) || !std::isfinite(at)) {
    return failed<Branch>(fmt::format("a branch point must be a step ≥ 0, got {}", at));
  }
  const auto [bindings, expression] = split_canonical(trunk.source());
  const std::string source = fmt::format("{}take({}, {}) >> {}", bindings, at, expression, then);
  auto compiled = try_compile(source, with_context(trunk, options));
  if (!compiled.ok()) return failed<Branch>(std::move(compiled.diagnostics));
  const Continuation c = continues(trunk, *compiled.value, at);
  if (!c) {
    return failed<Branch>(parted(c, at),
                          "the trunk's layout depends on its space (an elastic phase before a "
                          "fixed one?); branch a trunk that ends open, such as `warmup(2000) >> "
                          "stable()`");
  }
  Result<Branch> result;
  result.value = Branch{*compiled.value, compiled.value->source()};
  return result;
}

Result<Branch> cool_down(const Schedule& trunk, double at, double over, std::string_view shape,
                         const Options& options) {
  return branch(trunk, at, fmt::format("decay({}, shape={})", over, shape), options);
}

Result<Branch> cool_down(std::string_view trunk_source, double at, double over,
                         std::string_view shape, const Options& options) {
  auto trunk = try_compile(trunk_source, options);
  if (!trunk.ok()) return failed<Branch>(std::move(trunk.diagnostics));
  return cool_down(*trunk.value, at, over, shape, options);
}

Result<std::string> branch_file(std::string_view text, std::string_view at, std::string_view then,
                                const Options& options) {
  auto old_program = try_compile_program(text, options);
  if (!old_program.ok()) return failed<std::string>(std::move(old_program.diagnostics));
  const std::string& name = old_program.value->main_name();
  const Schedule& old_plan = old_program.value->main();

  std::vector<Diagnostic> diagnostics;
  const ast::Module module = ast::parse(
      std::make_shared<const SourceFile>(options.source_name, std::string(text)), diagnostics);
  const ast::Statement* statement = nullptr;
  for (const auto& s : module.statements) {
    if (s.name == name) statement = &s;
  }
  if (!statement) return failed<std::string>(fmt::format("no binding named `{}`", name));
  const ast::Node& value = module[statement->value];
  const std::string_view written = text.substr(value.begin, value.end - value.begin);
  std::string out(text.substr(0, value.begin));
  out += fmt::format("take({}, {}) >> {}", at, written, then);
  out += text.substr(value.end);

  auto new_program = try_compile_program(out, options);
  if (!new_program.ok()) return failed<std::string>(std::move(new_program.diagnostics));
  Options probe = with_context(old_plan, options);
  probe.source_name = "--at";
  auto point = try_compile(at, probe);
  if (!point.ok()) return failed<std::string>(std::move(point.diagnostics));
  const double steps = (*point.value)(0);
  const Continuation c = continues(old_plan, new_program.value->main(), steps);
  if (!c) return failed<std::string>(parted(c, steps));
  Result<std::string> result;
  result.value = std::move(out);
  return result;
}

}  // namespace tempo
