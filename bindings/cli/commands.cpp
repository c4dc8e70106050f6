// The command table: one row per subcommand, each defined in its own file.
#include "command.hpp"

namespace tempo::cli {

extern const Command eval_command, explain_command, plot_command, check_command, diff_command,
    branch_command, fmt_command, help_command, version_command;

namespace {
const Command* const table[] = {
    &eval_command,   &explain_command, &plot_command, &check_command,   &diff_command,
    &branch_command, &fmt_command,     &help_command, &version_command,
};
}  // namespace

std::span<const Command* const> commands() {
  return table;
}

const Command* find_command(std::string_view name) {
  for (const Command* c : table) {
    if (c->name == name) return c;
  }
  return nullptr;
}

}  // namespace tempo::cli
