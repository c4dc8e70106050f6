// `tempo branch`: gives a binding of a config its ending — `NAME = take(AT, E) >> THEN` — after
// checking that the new plan continues the old one before AT (docs/lifecycle.md). Prints the new
// file, or with -i replaces it atomically: a temporary file beside it, then a rename.
#include "tempo/branch.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "../lua/scripting.hpp"
#include "command.hpp"
#include "source.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"--name", "--at", "--then", "--total", "--set", "-i"};

// Writes `text` to `path` so that a reader sees the old file or the new one, never a part.
bool replace_file(const std::string& path, const std::string& text, std::ostream& err) {
  const std::filesystem::path target(path);
  std::filesystem::path temporary = target;
  temporary += fmt::format(".tempo-branch-{}", std::rand());
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      fmt::print(err, "tempo branch: cannot write `{}`\n", temporary.string());
      std::filesystem::remove(temporary);
      return false;
    }
  }
  std::error_code failed;
  std::filesystem::rename(temporary, target, failed);
  if (failed) {
    fmt::print(err, "tempo branch: cannot replace `{}`: {}\n", path, failed.message());
    std::filesystem::remove(temporary);
    return false;
  }
  return true;
}

int run(const Args& a, std::ostream& out, std::ostream& err) {
  if (a.files.size() != 1 || a.expression) {
    throw UsageError{"give one FILE", "e.g. tempo branch lr.tempo --at 40k --then 'decay(4k)'"};
  }
  const auto at = a.value("--at");
  const auto then = a.value("--then");
  if (!at || !then) {
    throw UsageError{"give --at STEP and --then EXPR",
                     "e.g. --at 40k --then 'decay(4k, shape=sqrt)'"};
  }
  if (a.steps.size() != 1) throw UsageError{"--at takes one step here"};
  const auto source = read_source(a.files[0], err);
  if (!source) return 2;
  if (a.has("-i") && source->name == "<stdin>") {
    throw UsageError{"-i rewrites a FILE, not standard input"};
  }
  Options o = a.options;
  o.source_name = source->name;
  o.import = lua::import_file;
  const auto text = branch_file(source->text, *at, *then, o);
  if (!text.ok()) {
    err << text.message();
    return 1;
  }
  if (!a.has("-i")) {
    out << *text.value;
    return 0;
  }
  return replace_file(a.files[0], *text.value, err) ? 0 : 2;
}

}  // namespace

extern const Command branch_command = {
    "branch",
    "FILE [--name NAME] --at STEP --then EXPR [--total N] [--set K=V]... [-i]",
    "give a schedule its ending at a step: NAME = take(STEP, …) >> EXPR",
    "Replaces the binding NAME (or the file's default schedule) `E` by `take(STEP, E) >> EXPR`, "
    "keeping the rest of the file as written, and checks that the new schedule equals the old "
    "one bit for bit at every step before STEP (docs/lifecycle.md); a branch that does not "
    "continue is an error that names the first step where it parts. Prints the new file, or "
    "with -i replaces FILE atomically. The WSD way to cool down a run whose length was decided "
    "late, or to branch several cooldowns off one trunk.",
    "tempo branch examples/trainer/trunk.tempo --name lr --at 40k --then 'decay(4k, shape=sqrt)'",
    options,
    run,
};

}  // namespace tempo::cli
