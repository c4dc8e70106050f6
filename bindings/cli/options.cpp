// The shared option parser (options.hpp): one row per option, one parsing rule per row.
#include "options.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "tempo/number.hpp"

namespace tempo::cli {
namespace {

constexpr Option option_table[] = {
    {"-e", "EXPR", "the schedule as an expression instead of a FILE"},
    {"--name", "NAME", "the binding of the file to use (repeat it to use several)"},
    {"--total", "N", "the total number of steps (overrides `total = …` in the file)"},
    {"--set", "K=V", "override a binding or a context value; V is Tempo source"},
    {"--at", "S[,S...]", "the steps to evaluate"},
    {"--range", "A:B[:STRIDE]", "the steps A, A+STRIDE, … below B (STRIDE defaults to 1)"},
    {"--format", "FORMAT", "the output format"},
    {"--vs-total", "N", "compare the schedule at --total with itself at this total"},
    {"--until", "STEP", "compare only the steps before STEP"},
    {"--log", "", "a logarithmic value axis"},
    {"--width", "W",
     "the width: characters on a terminal (default: the terminal's), pixels in an SVG (800)"},
    {"--height", "H", "the height of the chart: lines on a terminal (16), pixels in an SVG (400)"},
    {"--svg", "FILE", "write a standalone SVG to FILE instead of drawing on the terminal"},
    {"--key", "KEY", "the dotted key of a schedule in a YAML, TOML or JSON config (repeatable)"},
    {"-i", "", "rewrite each FILE in place (atomically: a temporary file, then a rename)"},
    {"--check", "", "change nothing; exit 1 and list the files that are not formatted"},
    {"--observe", "FILE", "metric observations for plateau phases: `step,name,value` lines"},
    {"--then", "EXPR", "what follows the branch point: Tempo source, e.g. 'decay(4k)'"},
    {"--werror", "", "treat warnings as errors: exit 1 if there is one"},
    {"--color", "WHEN", "when to colour: auto (a terminal, unless NO_COLOR is set), always, never"},
};

// Taken out of the arguments by run.cpp before a command parses its own.
constexpr std::string_view common_option_names[] = {"--color"};

// Whole steps from A up to B (excluded), as `--range` spells them.
std::vector<double> expand_range(const std::string& spec) {
  std::stringstream in(spec);
  std::vector<double> parts;
  std::vector<std::string> texts;
  std::string item;
  while (std::getline(in, item, ':')) {
    parts.push_back(parse_number(item, "--range"));
    texts.push_back(item);
  }
  if (parts.size() < 2 || parts.size() > 3) {
    throw UsageError{"--range takes A:B or A:B:STRIDE, e.g. --range 0:1000:100"};
  }
  const double stride = parts.size() == 3 ? parts[2] : 1.0;
  if (!(stride > 0)) throw UsageError{"--range: STRIDE must be > 0"};
  if (parts[1] < parts[0]) {
    texts[0].swap(texts[1]);
    throw UsageError{fmt::format("--range {}: the end is before the start", spec),
                     fmt::format("the steps count up from A to B (excluded): --range {}",
                                 fmt::join(texts, ":"))};
  }
  if ((parts[1] - parts[0]) / stride > 1e8) {
    throw UsageError{"--range: more than 100,000,000 steps; use a larger STRIDE"};
  }
  std::vector<double> steps;
  for (double k = 0;; ++k) {
    const double step = parts[0] + k * stride;
    if (!(step < parts[1])) break;
    steps.push_back(step);
  }
  return steps;
}

std::vector<double> parse_list(const std::string& list) {
  std::stringstream in(list);
  std::vector<double> steps;
  std::string item;
  while (std::getline(in, item, ',')) steps.push_back(parse_number(item, "--at"));
  if (steps.empty() || list.back() == ',') {
    throw UsageError{"--at takes a comma-separated list of steps, e.g. --at 0,1000,2000"};
  }
  return steps;
}

// What an option means beyond being recorded in Args::values.
void apply(Args& a, std::string_view option, const std::string& value) {
  if (option == "-e") {
    if (!a.expression) a.expression = value;  // taken as is, even when it starts with '-'
    a.expressions.push_back(value);
  } else if (option == "--name") {
    a.names.push_back(value);
    if (a.options.name.empty()) a.options.name = value;
  } else if (option == "--total") {
    a.options.total = parse_number(value, "--total");
    if (!(*a.options.total > 0)) throw UsageError{"--total must be > 0"};
  } else if (option == "--vs-total") {
    if (!(parse_number(value, "--vs-total") > 0)) throw UsageError{"--vs-total must be > 0"};
  } else if (option == "--until") {
    parse_number(value, "--until");
  } else if (option == "--set") {
    const auto eq = value.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw UsageError{fmt::format("--set takes K=V, got `{}`", value)};
    }
    a.options.set.emplace_back(value.substr(0, eq), value.substr(eq + 1));
  } else if (option == "--width" || option == "--height") {
    const double size = parse_number(value, option);
    if (!(size >= 1 && size <= 100000 && size == std::floor(size))) {
      throw UsageError{fmt::format("{} takes a whole number from 1 to 100000", option)};
    }
  } else if (option == "--range" && a.command == "plot") {
    // A range to draw, not a list of steps: plot reads Args::values and samples it itself.
  } else if (option == "--at" || option == "--range") {
    if (a.has_steps) throw UsageError{"give one of --at and --range"};
    a.has_steps = true;
    a.steps = option == "--at" ? parse_list(value) : expand_range(value);
  }
}

}  // namespace

std::optional<std::string> Args::value(std::string_view option) const {
  const auto it = values.find(option);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::span<const Option> all_options() {
  return option_table;
}

std::vector<std::string_view> options_of(const Command& command) {
  std::vector<std::string_view> names(command.options.begin(), command.options.end());
  names.insert(names.end(), std::begin(common_option_names), std::end(common_option_names));
  return names;
}

const Option* find_option(std::string_view name) {
  for (const Option& o : option_table) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

double parse_number(std::string_view text, std::string_view what) {
  // A Tempo literal (`2k`, `1e-3`, `100_000`) with an optional sign: `--total -5` is then
  // refused as not > 0, not as not a number. A share (`90%`) is not a step count.
  const bool negative = text.starts_with('-');
  const std::string_view unsigned_text = negative || text.starts_with('+') ? text.substr(1) : text;
  const auto literal = read_number(unsigned_text);
  if (!literal || literal->has_percent || !std::isfinite(literal->value)) {
    throw UsageError{fmt::format("{}: `{}` is not a number", what, text)};
  }
  return negative ? -literal->value : literal->value;
}

Args parse_arguments(const Command& command, const std::vector<std::string>& args,
                     std::size_t first) {
  Args a;
  a.command = std::string(command.name);
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help") {
      a.help = true;
      continue;
    }
    if (arg.empty() || arg[0] != '-' || arg == "-") {
      a.files.push_back(arg);
      continue;
    }
    const auto accepted = std::find(command.options.begin(), command.options.end(), arg);
    const Option* option = accepted == command.options.end() ? nullptr : find_option(arg);
    if (!option) throw UsageError{fmt::format("unknown option `{}`", arg)};
    std::string value;
    if (!option->value.empty()) {
      if (i + 1 >= args.size()) throw UsageError{fmt::format("{} needs a value", arg)};
      value = args[++i];
    }
    apply(a, option->name, value);
    a.values[std::string(option->name)].push_back(value);
  }
  return a;
}

std::string format_option(const Args& args, std::span<const std::string_view> formats) {
  const std::string format = args.value("--format").value_or(std::string(formats[0]));
  if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
    std::string list;
    for (auto f : formats) list += (list.empty() ? "" : ", ") + std::string(f);
    throw UsageError{
        fmt::format("--format: `{}` is not a format of tempo {}", format, args.command),
        fmt::format("the formats are {}", list)};
  }
  return format;
}

}  // namespace tempo::cli
