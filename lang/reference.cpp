// tempo/reference.hpp: the registration table (stdlib/registry.cpp) copied once into public
// types, so that bindings read it without seeing the stdlib's Call/Primitive interface.
#include "tempo/reference.hpp"

#include "../stdlib/primitive.hpp"

namespace tempo::reference {
namespace {

ParamKind kind_of(stdlib::Kind kind) {
  switch (kind) {
    case stdlib::Kind::duration:
      return ParamKind::duration;
    case stdlib::Kind::steps:
      return ParamKind::steps;
    case stdlib::Kind::number:
      return ParamKind::number;
    case stdlib::Kind::level:
      return ParamKind::level;
    case stdlib::Kind::count:
      return ParamKind::count;
    case stdlib::Kind::choice:
      return ParamKind::choice;
    case stdlib::Kind::boolean:
      return ParamKind::boolean;
    case stdlib::Kind::step_list:
      return ParamKind::step_list;
    case stdlib::Kind::points:
      return ParamKind::points;
    case stdlib::Kind::schedule:
      return ParamKind::schedule;
    case stdlib::Kind::body:
      return ParamKind::body;
    case stdlib::Kind::expression:
      return ParamKind::expression;
    case stdlib::Kind::name:
      return ParamKind::name;
  }
  return ParamKind::number;  // unreachable: the switch names every kind
}

Param param_of(const stdlib::Param& p) {
  Param out{std::string(p.name), kind_of(p.kind), stdlib::default_text(p), p.required, {},
            std::string(p.doc)};
  for (auto choice : p.choices) out.choices.emplace_back(choice);
  return out;
}

std::vector<Phase> make_phases() {
  std::vector<Phase> out;
  for (const stdlib::Primitive* p : stdlib::primitives()) {
    Phase phase{std::string(p->name),
                std::string(p->summary),
                std::string(p->formula),
                std::string(p->end_value),
                {},
                {}};
    for (const auto& param : p->params) phase.params.push_back(param_of(param));
    phase.signature = stdlib::signature(*p);
    out.push_back(std::move(phase));
  }
  return out;
}

std::vector<Function> make_functions() {
  std::vector<Function> out;
  for (const auto& f : stdlib::functions()) {
    out.push_back({std::string(f.name), std::string(f.summary), f.min_args, f.max_args});
  }
  return out;
}

template <typename T>
const T* find_by_name(const std::vector<T>& rows, std::string_view name) {
  for (const T& row : rows) {
    if (row.name == name) return &row;
  }
  return nullptr;
}

}  // namespace

const std::vector<Phase>& phases() {
  static const std::vector<Phase> table = make_phases();
  return table;
}

const Phase* find_phase(std::string_view name) {
  return find_by_name(phases(), name);
}

const std::vector<Function>& functions() {
  static const std::vector<Function> table = make_functions();
  return table;
}

const Function* find_function(std::string_view name) {
  return find_by_name(functions(), name);
}

const std::vector<std::string>& constants() {
  static const std::vector<std::string> names = {"pi", "e"};
  return names;
}

const std::vector<std::string>& context_names() {
  static const std::vector<std::string> names = {"total", "steps_per_epoch", "tokens_per_step"};
  return names;
}

}  // namespace tempo::reference
