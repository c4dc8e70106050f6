// The options every subcommand shares, parsed once: a row per option (its value placeholder and
// its help), and the parser that fills Args from the rows a command accepts.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"

namespace tempo::cli {

struct Option {
  std::string_view name;   // "--total"
  std::string_view value;  // "N"; empty for a flag
  std::string_view help;
};

std::span<const Option> all_options();
const Option* find_option(std::string_view name);
// A command's options as its help, docs/cli.md and the bash completion list them: its own, then
// those every command takes (--color).
std::vector<std::string_view> options_of(const Command& command);

// Parses args[first...] for `command`; throws UsageError. An option the command does not list
// is unknown to it.
Args parse_arguments(const Command& command, const std::vector<std::string>& args,
                     std::size_t first);

// Numbers on the command line read like Tempo's: 100_000, 2k, 1.5M, 3e-4.
double parse_number(std::string_view text, std::string_view what);

// The value of --format, checked against the formats a command offers (the first is the
// default).
std::string format_option(const Args& args, std::span<const std::string_view> formats);

}  // namespace tempo::cli
