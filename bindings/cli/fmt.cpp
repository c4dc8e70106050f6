// `tempo fmt`: the source formatted without loss (comments, blank lines and alignment kept);
// `-i` rewrites files in place, `--check` only says which files are not formatted.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "colour.hpp"
#include "command.hpp"
#include "replace_file.hpp"
#include "source.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e", "-i", "--check"};

// The formatted text, or nullopt with the diagnostics on `err`.
std::optional<std::string> formatted(const Source& source, std::ostream& err) {
  Options options;
  options.source_name = source.name;
  auto result = format_source(source.text, options);
  if (!result.value) print_diagnostics(err, result.diagnostics);
  return std::move(result.value);
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  const bool in_place = a.has("-i"), check = a.has("--check");
  if (in_place && check) throw UsageError{"give one of -i and --check"};
  if (!in_place && !check) {
    const auto source = one_source(a, err);
    if (!source) return 1;
    const auto text = formatted(*source, err);
    if (!text) return 1;
    out << *text;
    return 0;
  }
  if (in_place && (a.expression || a.files.empty())) throw UsageError{"-i needs the FILEs"};
  for (const auto& file : a.files) {
    if (in_place && file == "-") throw UsageError{"-i cannot rewrite standard input"};
  }
  if (a.expression && !a.files.empty()) throw UsageError{"give FILEs or -e EXPR, not both"};
  if (!a.expression && a.files.empty()) throw UsageError{"give the files to check"};
  std::vector<std::optional<Source>> sources;
  if (a.expression) sources.push_back(Source{*a.expression, "<expr>"});
  for (const auto& file : a.files) sources.push_back(read_source(file, err));
  int status = 0;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto text = sources[i] ? formatted(*sources[i], err) : std::nullopt;
    if (!text) {
      status = 1;
      continue;
    }
    // An -e EXPR has no line end of its own to compare.
    const bool expression = a.expression && i == 0;
    if (*text == sources[i]->text || (expression && *text == sources[i]->text + "\n")) continue;
    if (check) {
      fmt::print(out, "{}\n", sources[i]->name);
      status = 1;
    } else if (const std::string why = replace_file(a.files[i], *text); !why.empty()) {
      fmt::print(err, "error: cannot rewrite `{}`: {}\n", a.files[i], why);
      status = 1;
    }
  }
  return status;
}

}  // namespace

extern const Command fmt_command = {
    "fmt",
    "(FILE | -e EXPR) | -i FILE... | --check (FILE... | -e EXPR)",
    "format a source, keeping its comments and layout",
    "Prints the source formatted: spacing inside each expression normalised, everything else "
    "kept — comments, blank lines, `import` lines, the alignment of `=` in a block of bindings, "
    "and the line breaks and indentation of an expression continued over several lines. "
    "Formatting twice changes nothing. `-i` rewrites each FILE in place (atomically: a reader "
    "sees the old file or the new one); `--check` changes nothing, prints the name of each "
    "source that is not formatted and exits 1 if there is one.",
    "tempo fmt -e 'warmup( 2k )>>cosine(min=.1)'",
    options,
    run,
};

}  // namespace tempo::cli
