// The `tempo` command line as a function, so the tests can drive it without a process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tempo::cli {

// Exit codes: 0 success, 1 a schedule error (diagnostics on `err`), 2 a usage error.
// Colours go to a terminal (std::cout or std::cerr that isatty) unless NO_COLOR is set;
// --color=always|never (any command) decides instead.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The same, told which of the streams are terminals (the tests pretend).
struct Terminals {
  bool out = false, err = false;
};
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        Terminals terminals);

// The stdlib reference generated from the registration table (docs/language.md embeds it).
std::string reference_markdown();
// The command reference generated from the command table (docs/cli.md embeds it).
std::string commands_markdown();
// The bash completion script generated from the command table (bindings/cli/tempo.bash-completion).
std::string bash_completion();
// What `tempo help` takes, one a line: the commands, the phases, the functions.
std::string help_names();

}  // namespace tempo::cli
