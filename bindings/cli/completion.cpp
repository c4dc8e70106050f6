// The bash completion script (bindings/cli/tempo.bash-completion), generated from the command
// table: the commands, each command's options and the formats its synopsis offers, the modes of
// --color; the names
// `tempo help` takes come from `tempo reference names` at completion time, so that adding a
// phase does not change the script. tests/cli_diff_test.cpp checks the file is this text.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "cli.hpp"
#include "colour.hpp"
#include "command.hpp"
#include "options.hpp"
#include "tempo/reference.hpp"

namespace tempo::cli {
namespace {

// The formats a synopsis offers: `[--format text|csv|json]` → "text csv json".
std::string formats_of(std::string_view synopsis) {
  constexpr std::string_view key = "--format ";
  const auto at = synopsis.find(key);
  if (at == std::string_view::npos) return {};
  std::string_view rest = synopsis.substr(at + key.size());
  rest = rest.substr(0, rest.find_first_of("] "));
  std::string out(rest);
  for (char& c : out) c = c == '|' ? ' ' : c;
  return out;
}

}  // namespace

std::string help_names() {
  std::string out;
  for (const Command* c : commands()) out += fmt::format("{}\n", c->name);
  for (const auto& p : reference::phases()) out += fmt::format("{}\n", p.name);
  for (const auto& f : reference::functions()) out += fmt::format("{}\n", f.name);
  return out;
}

std::string bash_completion() {
  std::vector<std::string_view> names;
  std::string per_command;
  std::set<std::string_view> with_value;
  for (const Command* c : commands()) {
    names.push_back(c->name);
    std::vector<std::string_view> options = options_of(*c);
    for (auto o : options) {
      if (!find_option(o)->value.empty() && o != "--format" && o != "--color") with_value.insert(o);
    }
    options.push_back("--help");
    per_command += fmt::format("    {}) options=\"{}\" formats=\"{}\" ;;\n", c->name,
                               fmt::join(options, " "), formats_of(c->synopsis));
  }
  return fmt::format(
      R"sh(# bash completion for tempo. Generated from the command table by
# `tempo reference bash-completion` (do not edit; tests/cli_diff_test.cpp checks it).
_tempo() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
  local options="" formats=""
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "{} --help --version" -- "$cur"))
    return
  fi
  case ${{COMP_WORDS[1]}} in
{}  esac
  case $prev in
    --format) COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "{}" -- "$cur")); return ;;
    {}) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ ${{COMP_WORDS[1]}} == help ]]; then
    COMPREPLY=($(compgen -W "$("${{COMP_WORDS[0]}}" reference names 2>/dev/null)" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -o filenames -F _tempo tempo
)sh",
      fmt::join(names, " "), per_command, fmt::join(colour_modes, " "), fmt::join(with_value, "|"));
}

}  // namespace tempo::cli
