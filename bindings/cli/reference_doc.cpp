// The generated sections of the docs: the phase reference of docs/language.md and the command
// reference of docs/cli.md (tests/docs_test.cpp checks that the docs hold exactly these).
#include <fmt/format.h>

#include "cli.hpp"
#include "command.hpp"
#include "options.hpp"
#include "tempo/reference.hpp"

namespace tempo::cli {

std::string reference_markdown() {
  std::string out;
  for (const auto& p : reference::phases()) {
    out += fmt::format("### `{}`\n\n{}.\n\n- value at local step τ: `{}`\n- end value: {}\n\n",
                       p.signature, p.summary, p.formula, p.end_value);
    out += "| parameter | meaning |\n|---|---|\n";
    for (const auto& param : p.params) out += fmt::format("| `{}` | {} |\n", param.name, param.doc);
    out += "\n";
  }
  out += "### Functions\n\n| function | meaning |\n|---|---|\n";
  for (const auto& f : reference::functions())
    out += fmt::format("| `{}` | {} |\n", f.name, f.summary);
  return out;
}

std::string commands_markdown() {
  std::string out;
  for (const Command* c : commands()) {
    out += fmt::format("### `tempo {}`\n\n```\ntempo {}{}{}\n```\n\n{}\n\n", c->name, c->name,
                       c->synopsis.empty() ? "" : " ", c->synopsis, c->help);
    out += "| option | meaning |\n|---|---|\n";
    for (auto name : options_of(*c)) {
      const Option* o = find_option(name);
      out += fmt::format("| `{}{}{}` | {} |\n", o->name, o->value.empty() ? "" : " ", o->value,
                         o->help);
    }
    out += "\n";
    out += fmt::format("Example: `{}`\n\n", c->example);
  }
  return out;
}

}  // namespace tempo::cli
