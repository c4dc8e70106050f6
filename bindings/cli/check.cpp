// `tempo check`: compile every binding of every file and report every error. A YAML, TOML or
// JSON file is a training config: its schedules are the strings at each --key (or under its
// `tempo` table), and their errors point into the config.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "colour.hpp"
#include "command.hpp"
#include "options.hpp"
#include "source.hpp"
#include "tempo/config.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e",       "--name", "--total", "--set",
                                        "--format", "--key",  "--werror"};
constexpr std::string_view formats[] = {"text", "json"};

nlohmann::json diagnostic_json(const Diagnostic& d) {
  return {{"line", d.line()},
          {"column", d.column()},
          {"message", d.message},
          {"hint", d.hint},
          {"severity", d.severity == Severity::warning ? "warning" : "error"},
          {"text", render(d)}};
}

// One thing to check: a source file or expression, or a schedule out of a config.
struct Unit {
  std::string name;  // the file, "<expr>", or "train.yaml: optimizer.lr"
  std::optional<Source> source;
  std::optional<Origin> origin;         // for a schedule out of a config
  std::vector<Diagnostic> diagnostics;  // a config that cannot give its schedules
};

std::vector<std::string> keys_of(const Args& a) {
  const auto it = a.values.find("--key");
  return it == a.values.end() ? std::vector<std::string>{} : it->second;
}

// The schedules of a config file, each a unit of its own.
void add_config(const std::string& path, const Args& a, std::vector<Unit>& units) {
  auto found = config::read_file(path, keys_of(a));
  if (!found.value) {
    units.push_back({path, std::nullopt, std::nullopt, std::move(found.diagnostics)});
    return;
  }
  for (const auto& entry : *found.value) {
    const std::string name = fmt::format("{}: {}", path, entry.key);
    units.push_back({name, Source{entry.text, name}, entry.origin, {}});
  }
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  const std::string format = format_option(a, formats);
  if (a.files.empty() && !a.expression) throw UsageError{"give the files to check"};
  bool any_config = false;
  for (const auto& file : a.files) any_config = any_config || config::format_of(file);
  if (a.has("--key") && !any_config) {
    throw UsageError{"--key names a schedule in a YAML, TOML or JSON config",
                     "give the config file: tempo check train.yaml --key optimizer.lr"};
  }
  const bool json = format == "json";
  nlohmann::json files = nlohmann::json::array();
  int status = 0;
  std::vector<Unit> units;
  for (const auto& e : a.expressions) units.push_back({"<expr>", Source{e, "<expr>"}, {}, {}});
  std::ostringstream unread;  // "cannot read" messages
  for (const auto& file : a.files) {
    if (config::format_of(file)) {
      add_config(file, a, units);
    } else {
      auto source = read_source(file, json ? unread : err);
      units.push_back({source ? source->name : file, std::move(source), {}, {}});
    }
  }
  for (const auto& unit : units) {
    Result<Program> result;
    result.diagnostics = unit.diagnostics;
    if (unit.source && unit.origin) {
      // A schedule out of a config is one expression: --name is for .tempo files.
      Args one = a;
      one.names.clear();
      one.options.name.clear();
      one.options.origin = unit.origin;
      result = try_compile_named(*unit.source, one, true);
    } else if (unit.source) {
      // Every binding, whether or not one is the default; each --name must be bound.
      result = try_compile_named(*unit.source, a, true);
    }
    if (!result.value) status = 1;
    const std::size_t warned = result.warnings.size();
    const bool warnings_fail = warned > 0 && a.has("--werror");
    if (warnings_fail) status = 1;
    if (json) {
      nlohmann::json entry = {{"file", unit.name}, {"ok", result.ok() && !warnings_fail}};
      if (!unit.source && unit.diagnostics.empty()) {
        entry["error"] = fmt::format("cannot read `{}`", unit.name);
      }
      nlohmann::json list = nlohmann::json::array();
      for (const auto& d : result.diagnostics) list.push_back(diagnostic_json(d));
      entry["diagnostics"] = list;
      nlohmann::json warnings = nlohmann::json::array();
      for (const auto& d : result.warnings) warnings.push_back(diagnostic_json(d));
      entry["warnings"] = warnings;
      entry["schedules"] = result.value ? result.value->names() : std::vector<std::string>{};
      files.push_back(entry);
    } else if (!result.value) {
      print_diagnostics(err, result.diagnostics);
    } else if (warnings_fail) {
      // Not `ok`: the warnings are errors here, and the exit status says so.
      print_diagnostics(err, result.warnings);
      fmt::print(err, "{}: error: {} warning{} treated as {} (--werror)\n", unit.name, warned,
                 warned == 1 ? "" : "s", warned == 1 ? "an error" : "errors");
    } else {
      print_diagnostics(err, result.warnings);
      const std::string warnings =
          warned == 0 ? "" : fmt::format("{} warning{}", warned, warned == 1 ? "" : "s");
      if (unit.origin) {
        fmt::print(out, "{}: ok{}\n", unit.name, warned == 0 ? "" : " (" + warnings + ")");
      } else {
        const auto count = result.value->names().size();
        fmt::print(out, "{}: ok ({} schedule{}{})\n", unit.name, count, count == 1 ? "" : "s",
                   warned == 0 ? "" : ", " + warnings);
      }
    }
  }
  if (json)
    out << nlohmann::json{{"version", 1}, {"ok", status == 0}, {"files", files}}.dump(2) << "\n";
  return status;
}

}  // namespace

extern const Command check_command = {
    "check",
    "(FILE... | -e EXPR) [--name NAME]... [--total N] [--set K=V]... [--key KEY]... [--format "
    "text|json] [--werror]",
    "report every error in the files; exit 0 when there is none",
    "Compiles every binding of every file — a file may bind several schedules and have no "
    "default one — and reports every error it finds, with its line, column and a hint; prints "
    "`FILE: ok (N schedules)` for a file without errors. Warnings (a schedule that compiles but "
    "is rarely what was meant) are printed like errors and do not change the exit status unless "
    "`--werror`: then a file with warnings prints `FILE: error: N warnings treated as errors "
    "(--werror)` on stderr instead of its ok line. `--name` also checks that each file binds "
    "that name (the binding a trainer will ask for). Exits 1 if any file has an error. `--format "
    "json` prints one JSON document with the diagnostics of each file (schema in docs/cli.md). A "
    "`.yaml`, `.yml`, `.toml` or `.json` FILE is a training config: the schedules are the strings "
    "at each `--key` (a dotted path such as `optimizer.lr`), or every string under its top-level "
    "`tempo` table, and the errors point at the config's own lines and columns (block scalars, "
    "multi-line and escaped strings included); each prints `FILE: KEY: ok`.",
    "tempo check examples/design-card.tempo examples/trainer/schedules.tempo",
    options,
    run,
};

}  // namespace tempo::cli
