// Phases the host defines (PhaseDefinition) become rows of the registration table at compile
// time: `d` then their named numbers. Calls to them are checked like calls to built-ins, and
// each builds one Op::scripted node, tried at both ends so that a failing script is a compile
// error with a position rather than a NaN at step 90,000.
#include <fmt/format.h>

#include <cmath>

#include "host_phase.hpp"

namespace tempo {
namespace {

stdlib::Built build_scripted(stdlib::Call& c) {
  const auto& host = *static_cast<const HostPhase*>(c.primitive().host);
  auto& tree = c.tree();
  std::vector<double> named;
  for (std::size_t i = 1; i < host.params.size(); ++i) named.push_back(c.number(i));
  const auto id = detail::make::scripted(tree, host.definition.phase, c.length(), c.level(), named);

  // Try it at the start and at the end (p = 1, its end value) now. A phase of length 0, like a
  // built-in one, has no inside: it is never evaluated at a step, and its value at p = 1 (with
  // t = 0, len = 0) is the end value the next phase starts from.
  (void)take_evaluation_error();
  double first = 0, end = 0;
  if (c.length() > 0) {
    first = tree.value(id, 0.0, c.start());
    end = tree.value(id, c.length(), c.start() + c.length());
  } else {
    const ScriptedArgs at_end{1.0,       0.0,       0.0,
                              c.level(), c.start(), tree.values.data() + tree.nodes[id].first};
    end = host.definition.phase->evaluate(at_end);
  }
  if (auto error = take_evaluation_error()) {
    c.call_error(
        *error, fmt::format("`{}` is defined at {}", host.definition.name, host.definition.origin));
  } else if (c.length() == 0 && !std::isfinite(end)) {
    c.call_error(fmt::format("`{}` of length 0 returned {} at its end", host.definition.name, end));
  } else if (!std::isfinite(first) || !std::isfinite(end)) {
    c.call_error(fmt::format("`{}` returned {} at its start and {} at its end",
                             host.definition.name, first, end));
  }
  detail::make::end_at(tree, id, c.length(), end);
  return {id, end};
}

}  // namespace

HostPhase::HostPhase(PhaseDefinition d) : definition(std::move(d)) {
  params.push_back({"d", stdlib::Kind::duration, {}, stdlib::Range::non_negative, {}, "length"});
  for (const auto& [name, fallback] : definition.params) {
    params.push_back({name,
                      stdlib::Kind::number,
                      fallback,
                      stdlib::Range::any,
                      {},
                      "argument of the scripted phase",
                      !fallback.has_value()});
  }
  summary = fmt::format("scripted phase defined at {}", definition.origin);
  row.name = definition.name;
  row.summary = summary;
  row.formula = "the host's function of p, t, len, level and its arguments";
  row.end_value = "its value at p = 1";
  row.params = params;
  row.needs_length = true;
  row.build = build_scripted;
  row.host = this;
}

}  // namespace tempo
