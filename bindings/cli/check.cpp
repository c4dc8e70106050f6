// `tempo check`: compile every file and report every error.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "command.hpp"
#include "source.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e", "--total", "--set"};

int run(const Args& a, std::ostream& out, std::ostream& err) {
  if (a.files.empty() && !a.expression) throw UsageError{"give the files to check"};
  int status = 0;
  std::vector<std::optional<Source>> sources;
  if (a.expression) sources.push_back(Source{*a.expression, "<expr>"});
  for (const auto& file : a.files) sources.push_back(read_source(file, err));
  for (const auto& source : sources) {
    Options options = a.options;
    options.name.clear();
    const auto program = source ? compile(*source, options, err) : std::nullopt;
    if (!program) {
      status = 1;
      continue;
    }
    fmt::print(out, "{}: ok ({} schedule{})\n", source->name, program->names().size(),
               program->names().size() == 1 ? "" : "s");
  }
  return status;
}

}  // namespace

extern const Command check_command = {
    "check",
    "(FILE... | -e EXPR) [--total N] [--set K=V]...",
    "report every error in the files; exit 0 when there is none",
    "Compiles every binding of every file and reports every error it finds, with its line, "
    "column and a hint; prints `FILE: ok (N schedules)` for a file without errors. Exits 1 if any "
    "file has an error.",
    "tempo check examples/design-card.tempo examples/llama3-70b.tempo",
    options,
    run,
};

}  // namespace tempo::cli
