// `tempo explain`: the resolved phase table of a schedule, and what its values add up to.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "options.hpp"
#include "source.hpp"
#include "stats.hpp"
#include "text.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e", "--name", "--total", "--set", "--format"};
constexpr std::string_view formats[] = {"text", "json"};

std::string percent(double fraction) {
  return std::isnan(fraction) ? "-" : fmt::format("{:.4g}%", 100 * fraction);
}

// An area in full up to 12 digits (1798800, not 1.7988e+06): it is compared across runs.
std::string format_area(double area) {
  return std::fabs(area) >= 1e5 && std::fabs(area) < 1e12 ? fmt::format("{:.0f}", area)
                                                          : format_value(area);
}

void print_stats(const Schedule& schedule, const ScheduleStats& s, std::size_t width,
                 std::ostream& out) {
  fmt::print(out,
             "\nsteps 0 to {}; the percentages count the steps at ≥ 90% and ≤ 1% of the peak\n",
             format_step(static_cast<double>(s.end - 1)));
  fmt::print(out, "{:<{}}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}\n", "phase", width,
             "peak", "min", "mean", "area", "≥ 90% peak", "≤ 1% peak");
  auto row = [&](const std::string& name, const Stats& st) {
    fmt::print(out, "{:<{}}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}\n", name, width,
               format_value(st.peak), format_value(st.min), format_value(st.mean),
               format_area(st.area), percent(st.near_peak), percent(st.near_zero));
  };
  for (std::size_t i = 0; i < s.phases.size(); ++i) row(schedule.phases()[i].name, s.phases[i]);
  row("(schedule)", s.whole);
}

void print_text(const Schedule& schedule, std::ostream& out) {
  fmt::print(out, "schedule: {}\n", schedule.source());
  if (!std::isnan(schedule.total()))
    fmt::print(out, "total:    {}\n", format_step(schedule.total()));
  std::size_t width = 10;
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
  if (const auto end = steps_covered(schedule); end && *end > max_steps) {
    fmt::print(out, "\nno statistics: more than {} steps\n", max_steps);
  } else if (end && *end > 0) {
    print_stats(schedule, summarise(schedule, *end), width, out);
  }
}

// A number, or null for NaN and infinity (JSON has neither).
nlohmann::json number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json();
}

nlohmann::json stats_json(const Stats& s) {
  if (s.steps == 0) return nullptr;
  return {{"steps", s.steps},
          {"peak", number(s.peak)},
          {"min", number(s.min)},
          {"mean", number(s.mean)},
          {"area", number(s.area)},
          {"near_peak", number(s.near_peak)},
          {"near_zero", number(s.near_zero)}};
}

nlohmann::json schedule_json(const std::string& name, const Schedule& schedule) {
  const auto end = steps_covered(schedule);
  const auto stats =
      end && *end <= max_steps ? std::optional(summarise(schedule, *end)) : std::nullopt;
  nlohmann::json phases = nlohmann::json::array();
  for (std::size_t i = 0; i < schedule.phases().size(); ++i) {
    const PhaseRow& row = schedule.phases()[i];
    phases.push_back({{"name", row.name},
                      {"start", number(row.start)},
                      {"end", number(row.end)},
                      {"start_value", number(row.start_value)},
                      {"end_value", number(row.end_value)},
                      {"stats", stats ? stats_json(stats->phases[i]) : nullptr}});
  }
  return {{"name", name},
          {"source", schedule.source()},
          {"total", number(schedule.total())},
          {"phases", phases},
          {"stats", stats ? stats_json(stats->whole) : nullptr}};
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  const std::string format = format_option(a, formats);
  const auto source = one_source(a, err);
  if (!source) return 1;
  // Without --name, a file with no default schedule shows every binding.
  auto program =
      a.names.empty() ? compile(*source, a.options, err, true) : compile_named(*source, a, err);
  if (!program) return 1;
  std::vector<Named> shown;
  if (program->has_main() || !a.names.empty()) {
    shown = chosen(*program, a);
  } else {
    for (const auto& name : program->names()) shown.push_back({name, program->find(name)});
  }
  if (format == "json") {
    nlohmann::json schedules = nlohmann::json::array();
    for (const auto& [name, schedule] : shown) schedules.push_back(schedule_json(name, *schedule));
    out << nlohmann::json{{"version", 1}, {"schedules", schedules}}.dump(2) << "\n";
    return 0;
  }
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (shown.size() > 1) fmt::print(out, "{}binding:  {}\n", i == 0 ? "" : "\n", shown[i].name);
    print_text(*shown[i].schedule, out);
  }
  return 0;
}

}  // namespace

extern const Command explain_command = {
    "explain",
    "(FILE | -e EXPR) [--name NAME]... [--total N] [--set K=V]... [--format text|json]",
    "print the phase table and the statistics of a schedule (every binding of a file with no "
    "default one)",
    "Prints the resolved phase table of a schedule — each phase of its top-level sequence with its "
    "start, end and length in steps and its values at the start and at the end — then, over the "
    "integer steps 0 to total − 1, the peak, min and mean of each phase and of the whole schedule, "
    "the area under the curve (the sum of the values, the learning budget) and the percentages of "
    "steps at ≥ 90% and ≤ 1% of the schedule's peak. A file without a default schedule (no "
    "`lr`, several bindings) shows every binding; `--name` picks one or several. `--format json` "
    "prints the same as one JSON document (schema in docs/cli.md).",
    "tempo explain examples/design-card.tempo",
    options,
    run,
};

}  // namespace tempo::cli
