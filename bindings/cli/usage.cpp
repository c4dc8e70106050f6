#include "usage.hpp"

#include <fmt/format.h>

#include "options.hpp"

namespace tempo::cli {
namespace {

std::string call(const Command& c) {
  return c.synopsis.empty() ? std::string(c.name) : fmt::format("{} {}", c.name, c.synopsis);
}

// Breaks a paragraph into lines of at most `width` characters, each indented.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out, line;
  auto flush = [&] {
    if (!line.empty()) out += fmt::format("{}{}\n", indent, line);
    line.clear();
  };
  while (!text.empty()) {
    const auto space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    if (!line.empty() && line.size() + 1 + word.size() > width) flush();
    if (!line.empty()) line += ' ';
    line += word;
  }
  flush();
  return out;
}

}  // namespace

std::string usage_text() {
  std::string out = "usage: tempo <command> [options]\n\ncommands:\n";
  for (const Command* c : commands()) {
    const std::string head = call(*c);
    out += head.size() <= 13 ? fmt::format("  {:<13}  {}\n", head, c->summary)
                             : fmt::format("  {}\n{:17}{}\n", head, "", c->summary);
  }
  out +=
      "\n`tempo help COMMAND` (or `tempo COMMAND --help`) describes a command, with an example.\n"
      "exit status: 0 success, 1 a schedule error, 2 a usage error (tempo diff: 1 when the\n"
      "schedules differ, 2 when one does not compile)\n";
  return out;
}

std::string command_usage(const Command& c) {
  return fmt::format("usage: tempo {}\n(`tempo help {}` describes it, with an example)\n", call(c),
                     c.name);
}

std::string command_help(const Command& c) {
  std::string out = fmt::format("usage: tempo {}\n\n{}", call(c), wrap(c.help, 92, ""));
  out += "\noptions:\n";
  for (auto name : options_of(c)) {
    const Option* o = find_option(name);
    const std::string head =
        o->value.empty() ? std::string(o->name) : fmt::format("{} {}", o->name, o->value);
    out += fmt::format("  {:<20}  {}\n", head, o->help);
  }
  return out + fmt::format("\nexample:\n  $ {}\n", c.example);
}

}  // namespace tempo::cli
