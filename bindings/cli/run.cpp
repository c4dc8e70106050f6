// `tempo COMMAND ...`: finds the command's row, parses its options, runs its handler, and turns
// a UsageError into exit status 2 with the command's usage.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli.hpp"
#include "colour.hpp"
#include "command.hpp"
#include "options.hpp"
#include "usage.hpp"

namespace tempo::cli {
namespace {

void report(std::ostream& err, std::string_view command, const UsageError& e) {
  fmt::print(err, "tempo {}: {}\n", command, e.message);
  if (!e.hint.empty()) fmt::print(err, "   = hint: {}\n", e.hint);
  err << "\n";
}

// Takes --color=WHEN (or --color WHEN) out of the arguments: every command accepts it.
ColourMode take_colour_option(std::vector<std::string>& args) {
  ColourMode mode = ColourMode::automatic;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--") break;
    if (i > 1 && args[i - 1] == "-e") continue;  // an expression, whatever it looks like
    if (args[i].starts_with("--color=")) {
      mode = colour_mode(std::string_view(args[i]).substr(8));
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i--));
    } else if (args[i] == "--color") {
      if (i + 1 >= args.size())
        throw UsageError{"--color needs a value", "--color=auto|always|never"};
      mode = colour_mode(args[i + 1]);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                 args.begin() + static_cast<std::ptrdiff_t>(i + 2));
      --i;
    }
  }
  return mode;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run(args, out, err,
             {&out == &std::cout && isatty(STDOUT_FILENO) == 1,
              &err == &std::cerr && isatty(STDERR_FILENO) == 1});
}

int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
        Terminals terminals) {
  std::vector<std::string> args = arguments;
  ColourMode mode = ColourMode::automatic;
  try {
    mode = take_colour_option(args);
  } catch (const UsageError& e) {
    report(err, args.size() < 2 ? "" : args[1], e);
    return 2;
  }
  const char* no_color = std::getenv("NO_COLOR");
  set_colour(out, colour_wanted(mode, terminals.out, no_color));
  set_colour(err, colour_wanted(mode, terminals.err, no_color));
  std::string name = args.size() < 2 ? "help" : args[1];
  if (name == "-h" || name == "--help") name = "help";
  if (name == "--version") name = "version";
  if (name == "reference") {  // regenerates the generated sections of docs/
    const std::string what = args.size() > 2 ? args[2] : "";
    out << (what == "commands"          ? commands_markdown()
            : what == "bash-completion" ? bash_completion()
            : what == "names"           ? help_names()
                                        : reference_markdown());
    return 0;
  }
  const Command* command = find_command(name);
  if (!command) {
    report(err, name, {fmt::format("unknown command `{}`", name)});
    err << usage_text();
    return 2;
  }
  try {
    const Args a = parse_arguments(*command, args, 2);
    if (a.help) {
      out << command_help(*command);
      return 0;
    }
    return command->run(a, out, err);
  } catch (const UsageError& e) {
    report(err, name, e);
    err << command_usage(*command);
    return 2;
  }
}

}  // namespace tempo::cli
