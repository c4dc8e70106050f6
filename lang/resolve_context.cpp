// resolve, for the context (LANGUAGE.md §1, §10.2): the host's values, the file's bindings of the
// context names (evaluated on first use, in whatever order they use each other) and the units
// (`3 ep`, `375M tok`) that turn into steps through them.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "resolve.hpp"

namespace tempo {

std::optional<double> Resolver::context_value(std::string_view name, const SourceSpan& use) {
  if (const auto& value = context[name]) return value;
  const auto it = bindings_.find(name);
  if (it == bindings_.end()) {
    error(use, fmt::format("`{}` is not known here", name),
          name == "total" ? "give --total N, or a `total = N` line"
                          : fmt::format("give --set {}=N, or a `{} = N` line", name, name));
    return std::nullopt;
  }
  // Bound in the file: resolved on first use, so the context names may be bound from each
  // other in any order (LANGUAGE.md §10.2); a cycle is reported by `binding`.
  const Binding& b = it->second;
  if (std::find(resolving_.begin(), resolving_.end(), &b) != resolving_.end()) {
    const Binding& inner = *resolving_.back();
    error(use,
          &inner == &b
              ? fmt::format("`{}` is defined in terms of itself", name)
              : fmt::format("`{}` and `{}` are defined in terms of each other", inner.name, name),
          "the context names may use each other, but not in a cycle");
    return std::nullopt;
  }
  if (!evaluated_.insert(&b).second) return context[name];
  const ir::Node& value = binding(b);
  if (value.kind == ir::Kind::invalid) return std::nullopt;
  if (name == "tokens_per_step" && !value.is_constant()) {
    token_clock_ = TokenClock::make(value, context, diagnostics_);
    return std::nullopt;
  }
  const auto v = constant(value, name);
  if (!v) return std::nullopt;
  if (!(*v > 0) || !std::isfinite(*v)) {
    error(b.module->span(b.value), fmt::format("`{}` must be > 0, got {}", name, *v));
    return std::nullopt;
  }
  context[name] = *v;
  return v;
}

const ir::Node* Resolver::context_binding(std::string_view name) const {
  const auto it = bindings_.find(name);
  if (it == bindings_.end() || !evaluated_.count(&it->second)) return nullptr;
  const auto value = resolved_.find(&it->second);
  if (value == resolved_.end() || value->second->kind == ir::Kind::invalid) return nullptr;
  return value->second;
}

std::optional<double> Resolver::steps_of_unit(const ast::Module& module, ast::NodeId id) {
  const ast::Node& n = module[id];
  // An epoch is steps_per_epoch steps, a token 1/tokens_per_step of one (LANGUAGE.md §10.2).
  std::string_view unit, per;
  switch (n.unit) {
    case ast::Unit::none:
    case ast::Unit::steps:
      return n.number;
    case ast::Unit::epochs:
      unit = "epochs";
      per = "steps_per_epoch";
      break;
    case ast::Unit::tokens:
      unit = "tokens";
      per = "tokens_per_step";
      break;
  }
  const SourceSpan span = module.span(id);
  const std::string_view text =
      std::string_view(module.file->text()).substr(n.begin, n.end - n.begin);
  if (!context[per] && bindings_.find(per) == bindings_.end()) {
    error(span, fmt::format("`{}` is in {}, but {} is not known", text, unit, per),
          fmt::format("give --set {}=N, or a `{} = N` line", per, per));
    return std::nullopt;
  }
  const auto value = context_value(per, span);
  if (value) return n.unit == ast::Unit::epochs ? n.number * *value : n.number / *value;
  if (n.unit == ast::Unit::epochs || !token_clock_) return std::nullopt;
  // A clock that follows the batch size (LANGUAGE.md §10.3).
  std::string problem;
  const auto steps = token_clock_->steps(n.number, problem);
  if (!steps) error(span, fmt::format("`{}`: {}", text, problem));
  return steps;
}

}  // namespace tempo
