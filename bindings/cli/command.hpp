// A subcommand of `tempo` is one row: its name, synopsis, options, help and handler. The usage
// text, `tempo help COMMAND`, the bash completion and docs/cli.md are generated from the rows
// (commands.cpp lists them), so none can forget a command or an option.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tempo/compile.hpp"

namespace tempo::cli {

// The command line as the shared parser (options.cpp) leaves it.
struct Args {
  std::string command;
  std::vector<std::string> files;         // the positional arguments (`-` is standard input)
  std::optional<std::string> expression;  // -e EXPR (the first)
  std::vector<std::string> expressions;   // every -e EXPR (`tempo diff` takes two)
  std::vector<std::string> names;         // every --name, in order
  Options options;                        // --total, --set and the first --name
  std::vector<double> steps;              // --at or --range, expanded
  bool has_steps = false;
  bool help = false;  // -h / --help
  // Every option as given, by its long name ("--format" → {"json"}; a flag → {""}).
  std::map<std::string, std::vector<std::string>, std::less<>> values;

  bool has(std::string_view option) const { return values.find(option) != values.end(); }
  // The last value given for the option, or nullopt.
  std::optional<std::string> value(std::string_view option) const;
};

// A mistake in the command line: exit status 2, the message, then the command's usage.
struct UsageError {
  std::string message;
  std::string hint = {};  // what to write instead, when there is something to say
};

using Handler = int (*)(const Args& args, std::ostream& out, std::ostream& err);

struct Command {
  std::string_view name;
  std::string_view synopsis;                  // what follows `tempo NAME`
  std::string_view summary;                   // one line for the usage text
  std::string_view help;                      // a paragraph for `tempo help NAME`
  std::string_view example;                   // one command line, run by tests/docs_test.cpp
  std::span<const std::string_view> options;  // long names, each a row of options.cpp
  Handler run = nullptr;
};

// The table, in the order the usage text lists it.
std::span<const Command* const> commands();
const Command* find_command(std::string_view name);

}  // namespace tempo::cli
