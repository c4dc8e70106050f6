// `tempo eval | explain | check | fmt | help`: the command line of LANGUAGE.md §9. Options are
// parsed here; everything about schedules goes through the public API.
#include "cli.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "../../lang/compiler.hpp"
#include "../../stdlib/primitive.hpp"
#include "../lua/scripting.hpp"
#include "tempo/compile.hpp"

namespace tempo::compiler {
std::string signature(const stdlib::Primitive& primitive);
}

namespace tempo::cli {
namespace {

constexpr const char* usage_text = R"(usage: tempo <command> [options]

commands:
  eval (FILE | -e EXPR) [--name NAME] [--total N] [--set K=V]... (--at S[,S...] | --range A:B[:STRIDE])
                 print `step<TAB>value` for each step (B is excluded, STRIDE defaults to 1)
  explain (FILE | -e EXPR) [--name NAME] [--total N] [--set K=V]...
                 print the resolved phase table: start, end, length, start and end value
  check FILE...  report every error in the files; exit 0 when there is none
  fmt (FILE | -e EXPR)
                 print the source in canonical form
  help [NAME]    list the phases and functions, or describe one

exit status: 0 success, 1 a schedule error, 2 a usage error
)";

struct UsageError {
  std::string message;
};

// Numbers on the command line read like Tempo's: 100_000, 2k, 1.5M, 3e-4.
double parse_number(std::string_view text, std::string_view what) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  double scale = 1;
  if (!digits.empty()) {
    switch (digits.back()) {
      case 'k':
        scale = 1e3;
        break;
      case 'M':
        scale = 1e6;
        break;
      case 'B':
        scale = 1e9;
        break;
      default:
        break;
    }
    if (scale != 1) digits.pop_back();
  }
  char* end = nullptr;
  const double value = digits.empty() ? NAN : std::strtod(digits.c_str(), &end);
  if (digits.empty() || *end != '\0' || !std::isfinite(value)) {
    throw UsageError{fmt::format("{}: `{}` is not a number", what, text)};
  }
  return value * scale;
}

struct Arguments {
  std::vector<std::string> files;
  std::optional<std::string> expression;
  Options options;
  std::vector<double> steps;
  bool help = false;
};

Arguments parse_arguments(const std::vector<std::string>& args, std::size_t first,
                          bool wants_steps) {
  Arguments a;
  auto value = [&](std::size_t& i) -> const std::string& {
    if (i + 1 >= args.size()) throw UsageError{fmt::format("{} needs a value", args[i])};
    return args[++i];
  };
  bool have_steps = false;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help") {
      a.help = true;
    } else if (arg == "-e") {
      if (a.expression) throw UsageError{"-e is given twice"};
      a.expression = value(i);  // taken as is, even when it starts with '-'
    } else if (arg == "--name") {
      a.options.name = value(i);
    } else if (arg == "--total") {
      a.options.total = parse_number(value(i), "--total");
      if (!(*a.options.total > 0)) throw UsageError{"--total must be > 0"};
    } else if (arg == "--set") {
      const std::string& pair = value(i);
      const auto eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw UsageError{fmt::format("--set takes K=V, got `{}`", pair)};
      }
      a.options.set.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    } else if (wants_steps && arg == "--at") {
      if (have_steps) throw UsageError{"give one of --at and --range"};
      have_steps = true;
      std::stringstream list(value(i));
      std::string item;
      while (std::getline(list, item, ',')) a.steps.push_back(parse_number(item, "--at"));
      if (a.steps.empty() || list.str().back() == ',') {
        throw UsageError{"--at takes a comma-separated list of steps, e.g. --at 0,1000,2000"};
      }
    } else if (wants_steps && arg == "--range") {
      if (have_steps) throw UsageError{"give one of --at and --range"};
      have_steps = true;
      std::stringstream spec(value(i));
      std::vector<double> parts;
      std::string item;
      while (std::getline(spec, item, ':')) parts.push_back(parse_number(item, "--range"));
      if (parts.size() < 2 || parts.size() > 3) {
        throw UsageError{"--range takes A:B or A:B:STRIDE, e.g. --range 0:1000:100"};
      }
      const double stride = parts.size() == 3 ? parts[2] : 1.0;
      if (!(stride > 0)) throw UsageError{"--range: STRIDE must be > 0"};
      if ((parts[1] - parts[0]) / stride > 1e8) {
        throw UsageError{"--range: more than 100,000,000 steps; use a larger STRIDE"};
      }
      for (double k = 0;; ++k) {
        const double step = parts[0] + k * stride;
        if (!(step < parts[1])) break;
        a.steps.push_back(step);
      }
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      throw UsageError{fmt::format("unknown option `{}`", arg)};
    } else {
      a.files.push_back(arg);
    }
  }
  if (a.help) return a;
  if (wants_steps && !have_steps) throw UsageError{"give the steps with --at or --range"};
  return a;
}

// The step as an integer when it is one (1000000, not 1e+06), else in shortest form.
std::string format_step(double step) {
  if (step == std::floor(step) && std::fabs(step) < 9.2e18) {
    return fmt::format("{}", static_cast<std::int64_t>(step));
  }
  return fmt::format("{}", step);
}

std::optional<std::string> read_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The source of a command that takes one FILE or -e EXPR.
struct Source {
  std::string text;
  std::string name;
};
// The text of the one FILE or -e EXPR a command takes; nullopt (reported) when unreadable.
std::optional<Source> one_source(const Arguments& a, std::ostream& err) {
  if (a.expression && !a.files.empty()) throw UsageError{"give a FILE or -e EXPR, not both"};
  if (a.expression) return Source{*a.expression, "<expr>"};
  if (a.files.size() != 1) throw UsageError{"give one FILE or -e EXPR"};
  auto text = read_file(a.files[0]);
  if (!text) {
    fmt::print(err, "error: cannot read `{}`\n", a.files[0]);
    return std::nullopt;
  }
  return Source{std::move(*text), a.files[0]};
}

int compile_source(const Arguments& a, std::ostream& err, std::optional<Program>& program) {
  const auto source = one_source(a, err);
  if (!source) return 1;
  Options options = a.options;
  options.source_name = source->name;
  options.import = lua::import_file;  // import "shapes.lua"
  auto result = try_compile_program(source->text, options);
  if (!result.value) {
    err << result.message();
    return 1;
  }
  program = std::move(result.value);
  return 0;
}

int eval(const Arguments& a, std::ostream& out, std::ostream& err) {
  std::optional<Program> program;
  if (int status = compile_source(a, err, program)) return status;
  const Schedule& schedule = program->main();
  std::string text;
  (void)take_evaluation_error();
  for (double step : a.steps) {
    const double value = schedule(step);
    if (auto error = take_evaluation_error()) {  // a scripted phase failed
      out << text;
      fmt::print(err, "error: {}\n", *error);
      return 1;
    }
    text += fmt::format("{}\t{}\n", format_step(step), value);
    if (text.size() > (1 << 16)) {
      out << text;
      text.clear();
    }
  }
  out << text;
  return 0;
}

std::string format_value(double value) {
  return std::isnan(value) ? "-" : fmt::format("{:.6g}", value);
}

int explain(const Arguments& a, std::ostream& out, std::ostream& err) {
  std::optional<Program> program;
  if (int status = compile_source(a, err, program)) return status;
  const Schedule& schedule = program->main();
  fmt::print(out, "schedule: {}\n", schedule.source());
  if (!std::isnan(schedule.total()))
    fmt::print(out, "total:    {}\n", format_step(schedule.total()));
  std::size_t width = 5;
  for (const auto& row : schedule.phases()) width = std::max(width, row.name.size());
  fmt::print(out, "\n{:<{}}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}\n", "phase", width, "start",
             "end", "length", "start value", "end value");
  for (const auto& row : schedule.phases()) {
    const bool forever = std::isinf(row.end);
    fmt::print(out, "{:<{}}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}\n", row.name, width,
               format_step(row.start), forever ? "forever" : format_step(row.end),
               forever ? "forever" : format_step(row.end - row.start),
               format_value(row.start_value), format_value(row.end_value));
  }
  return 0;
}

int check(const Arguments& a, std::ostream& out, std::ostream& err) {
  if (a.files.empty() && !a.expression) throw UsageError{"give the files to check"};
  int status = 0;
  std::vector<std::string> files = a.files;
  if (a.expression) files.insert(files.begin(), "");
  for (const auto& file : files) {
    Arguments one = a;
    one.files = file.empty() ? std::vector<std::string>{} : std::vector<std::string>{file};
    if (!file.empty()) one.expression.reset();
    one.options.name.clear();
    std::optional<Program> program;
    if (compile_source(one, err, program) != 0) {
      status = 1;
      continue;
    }
    fmt::print(out, "{}: ok ({} schedule{})\n", file.empty() ? "<expr>" : file,
               program->names().size(), program->names().size() == 1 ? "" : "s");
  }
  return status;
}

int format(const Arguments& a, std::ostream& out, std::ostream& err) {
  const auto source = one_source(a, err);
  if (!source) return 1;
  Options options;
  options.source_name = source->name;
  auto result = format_source(source->text, options);
  if (!result.value) {
    err << result.message();
    return 1;
  }
  out << *result.value;
  return 0;
}

int help(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() <= 2) {
    out << usage_text << "\nphases:\n";
    for (const auto* p : stdlib::primitives()) {
      fmt::print(out, "  {:<58} {}\n", compiler::signature(*p), p->summary);
    }
    out << "\nfunctions:\n";
    for (const auto& f : stdlib::functions()) fmt::print(out, "  {:<10} {}\n", f.name, f.summary);
    out << "\nconstants: pi, e; context: total, steps_per_epoch, tokens_per_step\n";
    return 0;
  }
  const std::string& name = args[2];
  if (const auto* p = stdlib::find_primitive(name)) {
    fmt::print(out, "{}\n  {}\n\n  value at τ: {}\n  end value:  {}\n\n", compiler::signature(*p),
               p->summary, p->formula, p->end_value);
    for (const auto& param : p->params) fmt::print(out, "  {:<12} {}\n", param.name, param.doc);
    return 0;
  }
  if (const auto* f = stdlib::find_function(name)) {
    fmt::print(out, "{}: {}\n", f->name, f->summary);
    return 0;
  }
  fmt::print(err, "tempo help: no phase or function named `{}`\n", name);
  return 2;
}

}  // namespace

std::string reference_markdown() {
  std::string out;
  for (const auto* p : stdlib::primitives()) {
    out += fmt::format("### `{}`\n\n{}.\n\n- value at local step τ: `{}`\n- end value: {}\n\n",
                       compiler::signature(*p), p->summary, p->formula, p->end_value);
    out += "| parameter | meaning |\n|---|---|\n";
    for (const auto& param : p->params) {
      out += fmt::format("| `{}` | {} |\n", param.name, param.doc);
    }
    out += "\n";
  }
  out += "### Functions\n\n| function | meaning |\n|---|---|\n";
  for (const auto& f : stdlib::functions())
    out += fmt::format("| `{}` | {} |\n", f.name, f.summary);
  return out;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() < 2 || args[1] == "-h" || args[1] == "--help" || args[1] == "help") {
    return help(args, out, err);
  }
  const std::string& command = args[1];
  try {
    if (command == "eval" || command == "explain" || command == "check" || command == "fmt") {
      const Arguments a = parse_arguments(args, 2, command == "eval");
      if (a.help) {
        out << usage_text;
        return 0;
      }
      if (command == "eval") return eval(a, out, err);
      if (command == "explain") return explain(a, out, err);
      if (command == "check") return check(a, out, err);
      return format(a, out, err);
    }
    if (command == "reference") {  // regenerates the stdlib section of docs/language.md
      out << reference_markdown();
      return 0;
    }
    throw UsageError{fmt::format("unknown command `{}`", command)};
  } catch (const UsageError& e) {
    fmt::print(err, "tempo {}: {}\n\n{}", command, e.message, usage_text);
    return 2;
  }
}

}  // namespace tempo::cli
