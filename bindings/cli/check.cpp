// `tempo check`: compile every binding of every file and report every error.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "command.hpp"
#include "options.hpp"
#include "source.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e", "--name", "--total", "--set", "--format"};
constexpr std::string_view formats[] = {"text", "json"};

nlohmann::json diagnostic_json(const Diagnostic& d) {
  return {{"line", d.line()},
          {"column", d.column()},
          {"message", d.message},
          {"hint", d.hint},
          {"text", render(d)}};
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  const std::string format = format_option(a, formats);
  if (a.files.empty() && !a.expression) throw UsageError{"give the files to check"};
  const bool json = format == "json";
  nlohmann::json files = nlohmann::json::array();
  int status = 0;
  std::vector<std::optional<Source>> sources;
  for (const auto& e : a.expressions) sources.push_back(Source{e, "<expr>"});
  std::ostringstream unread;  // "cannot read" messages
  for (const auto& file : a.files) sources.push_back(read_source(file, json ? unread : err));
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto& source = sources[i];
    const std::string name = source ? source->name : a.files[i - a.expressions.size()];
    // Every binding, whether or not one is the default; each --name must be bound.
    auto result = source ? try_compile_named(*source, a, true) : Result<Program>{};
    if (!result.value) status = 1;
    if (json) {
      nlohmann::json entry = {{"file", name}, {"ok", result.ok()}};
      if (!source) entry["error"] = fmt::format("cannot read `{}`", name);
      nlohmann::json list = nlohmann::json::array();
      for (const auto& d : result.diagnostics) list.push_back(diagnostic_json(d));
      entry["diagnostics"] = list;
      entry["schedules"] = result.value ? result.value->names() : std::vector<std::string>{};
      files.push_back(entry);
    } else if (!result.value) {
      err << result.message();
    } else {
      const auto count = result.value->names().size();
      fmt::print(out, "{}: ok ({} schedule{})\n", name, count, count == 1 ? "" : "s");
    }
  }
  if (json)
    out << nlohmann::json{{"version", 1}, {"ok", status == 0}, {"files", files}}.dump(2) << "\n";
  return status;
}

}  // namespace

extern const Command check_command = {
    "check",
    "(FILE... | -e EXPR) [--name NAME]... [--total N] [--set K=V]... [--format text|json]",
    "report every error in the files; exit 0 when there is none",
    "Compiles every binding of every file — a file may bind several schedules and have no "
    "default one — and reports every error it finds, with its line, column and a hint; prints "
    "`FILE: ok (N schedules)` for a file without errors. `--name` also checks that each file binds "
    "that name (the binding a trainer will ask for). Exits 1 if any file has an error. `--format "
    "json` prints one JSON document with the diagnostics of each file (schema in docs/cli.md).",
    "tempo check examples/design-card.tempo examples/trainer/schedules.tempo",
    options,
    run,
};

}  // namespace tempo::cli
