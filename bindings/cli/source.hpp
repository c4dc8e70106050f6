// The schedule source a command reads — a FILE, `-` (standard input) or -e EXPR — and its
// compilation through the public API, with Lua imports enabled.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "command.hpp"

namespace tempo::cli {

struct Source {
  std::string text;
  std::string name;  // for diagnostics: the path, "<stdin>" or "<expr>"
};

// The text of a file, or of standard input for "-"; nullopt when it cannot be read.
std::optional<std::string> read_text(const std::string& path);

// The one FILE or -e EXPR of a command (a UsageError otherwise); nullopt, reported on `err`,
// when the file cannot be read.
std::optional<Source> one_source(const Args& args, std::ostream& err);
std::optional<Source> read_source(const std::string& path, std::ostream& err);

// Compiles a source with the command's options; the diagnostics go to `err`. With
// `every_binding`, a file with several schedules and no default one is not an error (check,
// explain): Program::has_main() then tells whether there is a default one.
std::optional<Program> compile(const Source& source, Options options, std::ostream& err,
                               bool every_binding = false);
Result<Program> try_compile(const Source& source, Options options, bool every_binding = false);

// Compiles a source for a command that works on the schedules --name picks (one or several)
// or on the default one; a --name the source does not bind is reported like any error.
std::optional<Program> compile_named(const Source& source, const Args& args, std::ostream& err);
Result<Program> try_compile_named(const Source& source, const Args& args,
                                  bool every_binding = false);

// Those schedules, from the program compile_named returned: each --name in order, or the
// default schedule.
struct Named {
  std::string name;  // empty for the default schedule of an expression
  const Schedule* schedule;
};
std::vector<Named> chosen(const Program& program, const Args& args);

}  // namespace tempo::cli
