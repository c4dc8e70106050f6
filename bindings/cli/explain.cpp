// `tempo explain`: the resolved phase table of a schedule.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>

#include "command.hpp"
#include "source.hpp"
#include "text.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e", "--name", "--total", "--set"};

void print_table(const Schedule& schedule, std::ostream& out) {
  fmt::print(out, "schedule: {}\n", schedule.source());
  if (!std::isnan(schedule.total()))
    fmt::print(out, "total:    {}\n", format_step(schedule.total()));
  std::size_t width = 5;
  for (const auto& row : schedule.phases()) width = std::max(width, row.name.size());
  fmt::print(out, "\n{:<{}}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}\n", "phase", width, "start",
             "end", "length", "start value", "end value");
  for (const auto& row : schedule.phases()) {
    const bool forever = std::isinf(row.end);
    fmt::print(out, "{:<{}}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}\n", row.name, width,
               format_step(row.start), forever ? "forever" : format_step(row.end),
               forever ? "forever" : format_step(row.end - row.start),
               format_value(row.start_value), format_value(row.end_value));
  }
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  const auto source = one_source(a, err);
  if (!source) return 1;
  const auto program = compile_named(*source, a, err);
  if (!program) return 1;
  print_table(*chosen(*program, a).front().schedule, out);
  return 0;
}

}  // namespace

extern const Command explain_command = {
    "explain",
    "(FILE | -e EXPR) [--name NAME] [--total N] [--set K=V]...",
    "print the resolved phase table: start, end, length, start and end value",
    "Prints the resolved phase table of a schedule: each phase of its top-level sequence with "
    "its start, end and length in steps and its values at the start and at the end.",
    "tempo explain examples/design-card.tempo",
    options,
    run,
};

}  // namespace tempo::cli
