// Texts generated from the command table: the usage, one command's help, the docs' command
// reference.
#pragma once

#include <string>

#include "command.hpp"

namespace tempo::cli {

// `usage: tempo <command> [options]`, every command with its synopsis and summary, exit codes.
std::string usage_text();
// `usage: tempo NAME SYNOPSIS` and a pointer to `tempo help NAME` (after a usage error).
std::string command_usage(const Command& command);
// `tempo help NAME`: the synopsis, the paragraph, the options and the example.
std::string command_help(const Command& command);

}  // namespace tempo::cli
