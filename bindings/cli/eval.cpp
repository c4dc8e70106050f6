// `tempo eval`: the values of one or several schedules at the steps --at or --range give.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "options.hpp"
#include "source.hpp"
#include "text.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e",   "--name",  "--total",  "--set",
                                        "--at", "--range", "--format", "--observe"};
constexpr std::string_view formats[] = {"text", "csv", "json"};

// Calls `row(index, values)` for each step, the values one per schedule; false (reported)
// when a scripted phase failed.
template <typename Row>
bool evaluate(const std::vector<Named>& schedules, const std::vector<double>& steps,
              std::ostream& err, Row row) {
  std::vector<double> values(schedules.size());
  (void)take_evaluation_error();
  for (std::size_t r = 0; r < steps.size(); ++r) {
    for (std::size_t c = 0; c < schedules.size(); ++c)
      values[c] = (*schedules[c].schedule)(steps[r]);
    if (auto error = take_evaluation_error()) {
      fmt::print(err, "error: {}\n", *error);
      return false;
    }
    row(r, values);
  }
  return true;
}

bool print_json(const std::vector<Named>& schedules, const std::vector<double>& steps,
                std::ostream& out, std::ostream& err) {
  std::vector<nlohmann::json> columns(schedules.size(), nlohmann::json::array());
  const bool ok = evaluate(schedules, steps, err, [&](std::size_t, const std::vector<double>& v) {
    for (std::size_t c = 0; c < v.size(); ++c) {
      columns[c].push_back(std::isfinite(v[c]) ? nlohmann::json(v[c]) : nlohmann::json());
    }
  });
  if (!ok) return false;
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t c = 0; c < schedules.size(); ++c) {
    list.push_back({{"name", schedules[c].name}, {"values", std::move(columns[c])}});
  }
  out << nlohmann::json{{"version", 1}, {"steps", steps}, {"schedules", list}}.dump() << "\n";
  return true;
}

// Text (tab-separated, a header line when there are several schedules) or CSV (always a
// header); values in shortest round-trip form, written as they are computed.
bool print_table(const std::vector<Named>& schedules, const std::vector<double>& steps, bool csv,
                 std::ostream& out, std::ostream& err) {
  const char separator = csv ? ',' : '\t';
  std::string text;
  if (csv || schedules.size() > 1) {
    text += "step";
    for (const auto& s : schedules) text += separator + (s.name.empty() ? "value" : s.name);
    text += '\n';
  }
  const bool ok = evaluate(schedules, steps, err, [&](std::size_t r, const std::vector<double>& v) {
    text += format_step(steps[r]);
    for (double value : v) text += fmt::format("{}{}", separator, value);
    text += '\n';
    if (text.size() > (1 << 16)) {
      out << text;
      text.clear();
    }
  });
  out << text;
  return ok;
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  const std::string format = format_option(a, formats);
  if (!a.has_steps) throw UsageError{"give the steps with --at or --range"};
  const auto source = one_source(a, err);
  if (!source) return 1;
  const auto program = compile_named(*source, a, err);
  if (!program) return 1;
  auto schedules = chosen(*program, a);
  // --observe: the schedules decided over the record (plateau phases).
  std::vector<Schedule> bound;
  if (const auto path = a.value("--observe")) {
    const auto text = read_text(*path);
    if (!text) {
      fmt::print(err, "error: cannot read `{}`\n", *path);
      return 1;
    }
    const auto record = parse_observations(*text, *path == "-" ? "<stdin>" : *path);
    if (!record.ok()) {
      err << record.message();
      return 1;
    }
    bound.reserve(schedules.size());
    for (auto& s : schedules) s.schedule = &bound.emplace_back(s.schedule->bind(*record.value));
  }
  const bool ok = format == "json" ? print_json(schedules, a.steps, out, err)
                                   : print_table(schedules, a.steps, format == "csv", out, err);
  return ok ? 0 : 1;
}

}  // namespace

extern const Command eval_command = {
    "eval",
    "(FILE | -e EXPR) [--name NAME]... [--total N] [--set K=V]... [--observe FILE] (--at "
    "S[,S...] | --range A:B[:STRIDE]) [--format text|csv|json]",
    "print `step<TAB>value` for each step (B is excluded, STRIDE defaults to 1)",
    "Evaluates a schedule at the given steps and prints one line per step: the step (as an "
    "integer when it is one), a tab, and the value in shortest round-trip form. Several `--name`s "
    "print one column per schedule under a header line `step<TAB>NAME...`. `--format csv` prints "
    "the same with commas and always a header; `--format json` prints one JSON document (schema "
    "in docs/cli.md). `--observe FILE` binds the schedules to a record of metric observations, "
    "`step,name,value` lines (`-` reads standard input), which its `plateau` phases decide over. "
    "Numbers read as in the language (`2M`, `100_000`); `-e EXPR` takes the next "
    "argument as the expression even when it starts with `-`.",
    "tempo eval examples/llama3-70b.tempo --name lr --name wd --at 0,1000,2000000",
    options,
    run,
};

}  // namespace tempo::cli
