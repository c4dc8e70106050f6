// `tempo help [NAME]`: the commands, phases and functions, or one of them described.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include "command.hpp"
#include "tempo/reference.hpp"
#include "usage.hpp"

namespace tempo::cli {
namespace {

void list_everything(std::ostream& out) {
  out << usage_text() << "\nphases:\n";
  for (const auto& p : reference::phases())
    fmt::print(out, "  {:<58} {}\n", p.signature, p.summary);
  out << "\nfunctions:\n";
  for (const auto& f : reference::functions()) fmt::print(out, "  {:<10} {}\n", f.name, f.summary);
  fmt::print(out, "\nconstants: {}; context: {}\n", fmt::join(reference::constants(), ", "),
             fmt::join(reference::context_names(), ", "));
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  if (a.files.empty()) {
    list_everything(out);
    return 0;
  }
  if (a.files.size() > 1) throw UsageError{"give one NAME"};
  const std::string& name = a.files[0];
  if (const Command* c = find_command(name)) {
    out << command_help(*c);
    return 0;
  }
  if (const auto* p = reference::find_phase(name)) {
    fmt::print(out, "{}\n  {}\n\n  value at τ: {}\n  end value:  {}\n\n", p->signature, p->summary,
               p->formula, p->end_value);
    std::size_t width = 12;  // the names' column, wider for a long name (threshold_mode)
    for (const auto& param : p->params) width = std::max(width, param.name.size() + 1);
    for (const auto& param : p->params) {
      fmt::print(out, "  {:<{}} {}\n", param.name, width, param.doc);
    }
    return 0;
  }
  if (const auto* f = reference::find_function(name)) {
    fmt::print(out, "{}: {}\n", f->name, f->summary);
    return 0;
  }
  fmt::print(err, "tempo help: no command, phase or function named `{}`\n", name);
  return 2;
}

}  // namespace

extern const Command help_command = {
    "help",
    "[NAME]",
    "list the commands, phases and functions, or describe one",
    "Without a NAME, lists the commands, every phase with its signature and every function, "
    "from the registration table. With the name of a command, describes it with its options and "
    "an example; with the name of a phase or function, gives its formula and parameters.",
    "tempo help cosine",
    {},
    run,
};

}  // namespace tempo::cli
