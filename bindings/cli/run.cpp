// `tempo COMMAND ...`: finds the command's row, parses its options, runs its handler, and turns
// a UsageError into exit status 2 with the command's usage.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli.hpp"
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

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
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
