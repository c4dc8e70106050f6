// `tempo fmt`: the canonical text of a source.
#include "command.hpp"
#include "source.hpp"

namespace tempo::cli {
namespace {

constexpr std::string_view options[] = {"-e"};

int run(const Args& a, std::ostream& out, std::ostream& err) {
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

}  // namespace

extern const Command fmt_command = {
    "fmt",
    "(FILE | -e EXPR)",
    "print the source in canonical form",
    "Prints the source in canonical form: one statement per line, normalised spacing.",
    "tempo fmt -e 'warmup( 2k )>>cosine(min=.1)'",
    options,
    run,
};

}  // namespace tempo::cli
