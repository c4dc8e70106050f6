// Reading a record of observations (Observations::to_csv's text) with the compiler's
// diagnostics: a bad line is reported at its line and column, with a caret and a hint, as a
// schedule's errors are.
#include "tempo/compile.hpp"

namespace tempo {

Result<Observations> parse_observations(std::string_view text, const std::string& source_name) {
  Result<Observations> result;
  ObservationsProblem problem;
  result.value = Observations::parse_csv(text, problem);
  if (!result.value) {
    auto file = std::make_shared<const SourceFile>(source_name, std::string(text));
    const auto begin = static_cast<std::uint32_t>(problem.offset);
    const auto end = static_cast<std::uint32_t>(problem.offset + problem.length);
    result.diagnostics.push_back({{file, begin, end}, problem.message, problem.hint});
  }
  return result;
}

}  // namespace tempo
