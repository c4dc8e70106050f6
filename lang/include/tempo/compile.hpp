// Compiling Tempo source into schedules: the entry point for C++ hosts.
//
//   tempo::Options options;
//   options.total = 100'000;
//   tempo::Schedule lr = tempo::compile("warmup(2000) >> cosine(min=0.1)", options);
//   double value = lr(step);
//
// `compile` throws tempo::CompileError; `try_compile` returns the diagnostics instead, for hosts
// built without exceptions.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tempo/diagnostic.hpp"
#include "tempo/observations.hpp"
#include "tempo/schedule.hpp"
#include "tempo/scripted.hpp"

namespace tempo {

// A phase the host defines (a Lua function, see bindings/lua), callable like a built-in one:
// `rex(5000, k=0.9)`. Its first argument is its duration; the others are named numbers.
struct PhaseDefinition {
  std::string name;
  std::vector<std::pair<std::string, std::optional<double>>> params;  // nullopt: required
  std::shared_ptr<const ScriptedPhase> phase;
  std::string origin;  // where it is defined, for messages ("shapes.lua:3")
};

struct Options {
  // The evaluation context (LANGUAGE.md §1); these override values bound in the source.
  std::optional<double> total;
  std::optional<double> steps_per_epoch;
  std::optional<double> tokens_per_step;
  // `--set K=V`: V is Tempo source. K may be a context name, a binding to override, or a new
  // name the source can use.
  std::vector<std::pair<std::string, std::string>> set;
  // The binding to compile; empty: the file's one schedule, its bare expression, or `lr`.
  std::string name;
  // False: a source with several schedules and no default one (no bare expression, no `lr`)
  // is not an error; every binding is compiled and Program::has_main() is false. For tools
  // that look at every binding (`tempo check`, `tempo explain FILE`).
  bool require_main = true;
  // False: no warnings pass (Result::warnings stays empty). The pass samples every schedule
  // 2048 times, most of the cost of compiling a file of many bindings; compile() and
  // compile_file(), which drop the warnings, and the C, Python and Lua bindings, which never
  // show them, skip it.
  bool warnings = true;
  // Shown in diagnostics: a file name, or "<expr>" for an expression.
  std::string source_name = "<expr>";
  // Set when the source is a string the host took out of a config file (tempo/config.hpp finds
  // them there): diagnostics then name that file and point at its lines and columns.
  std::optional<Origin> origin;
  // How compile_file reads a path (default: from disk). Hosts that keep their configs in
  // memory or in an archive serve them here; return nullopt for "cannot read".
  std::function<std::optional<std::string>(const std::string& path)> read_file;
  // Phases the host defines, and how `import "path"` finds more: given the path as written and
  // the importing source's name, return the phases the file defines, or set `error`.
  std::vector<PhaseDefinition> phases;
  std::function<std::vector<PhaseDefinition>(const std::string& path, const std::string& from,
                                             std::string& error)>
      import;
};

namespace detail {
struct ProgramAccess;  // how the compiler fills a Program (lang/program.cpp)
}

// Every schedule of one source, by binding name. Cheap to copy: copies share the schedules.
class Program {
 public:
  const Schedule* find(std::string_view name) const;
  // The schedule chosen by Options::name (or the default rule above).
  const Schedule& main() const;
  const std::string& main_name() const noexcept;
  // False only when Options::require_main was false and no default schedule was found.
  bool has_main() const noexcept;
  std::vector<std::string> names() const;

 private:
  friend struct detail::ProgramAccess;
  struct Contents;
  std::shared_ptr<const Contents> contents_;
};

template <typename T>
struct Result {
  std::optional<T> value;
  std::vector<Diagnostic> diagnostics;
  // Severity::warning, in source order; set when the compile succeeded (`tempo check` prints
  // them). They never make a compile fail.
  std::vector<Diagnostic> warnings;

  bool ok() const noexcept { return value.has_value(); }
  // The diagnostics as the CLI prints them.
  std::string message() const { return render(diagnostics); }
};

class CompileError : public std::runtime_error {
 public:
  explicit CompileError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

Result<Program> try_compile_program(std::string_view source, const Options& options = {});
Result<Schedule> try_compile(std::string_view source, const Options& options = {});
Schedule compile(std::string_view source, const Options& options = {});

// Reads the file (its name goes into diagnostics) and compiles it.
Result<Program> try_compile_file(const std::string& path, Options options = {});
Schedule compile_file(const std::string& path, Options options = {});

// A record of observations from its text form (`step,name,value` lines, Observations::to_csv);
// a bad line is a diagnostic at its line and column in `source_name`.
Result<Observations> parse_observations(std::string_view text,
                                        const std::string& source_name = "<observations>");

// The source formatted without loss (`tempo fmt`): comments, blank lines, imports and the
// alignment of `=` kept, spacing inside expressions normalised; formatting twice changes nothing.
Result<std::string> format_source(std::string_view source, const Options& options = {});

}  // namespace tempo
