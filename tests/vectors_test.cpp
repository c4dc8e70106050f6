// Every row of tests/data/vectors.tsv (the published reference vectors), through the library
// and through `tempo eval`, at relative 1e-12 or absolute 1e-15.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../bindings/cli/cli.hpp"
#include "support.hpp"
#include "tempo/compile.hpp"

namespace {

using tempo::testing::close;

struct Vector {
  std::string expr, total, source;
  double step, expected;
};

std::vector<Vector> load() {
  std::ifstream in(TEMPO_SOURCE_DIR "/tests/data/vectors.tsv");
  std::vector<Vector> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    Vector v;
    std::string step, expected;
    std::getline(fields, v.expr, '\t');
    std::getline(fields, v.total, '\t');
    std::getline(fields, step, '\t');
    std::getline(fields, expected, '\t');
    std::getline(fields, v.source, '\t');
    v.step = std::stod(step);
    v.expected = std::stod(expected);
    rows.push_back(v);
  }
  return rows;
}

}  // namespace

TEST_CASE("every reference vector matches through the library") {
  const auto rows = load();
  REQUIRE(rows.size() == 127);
  for (const auto& v : rows) {
    tempo::Options options;
    if (v.total != "-") options.total = std::stod(v.total);
    INFO(v.source, ": ", v.expr, " total=", v.total, " step=", v.step);
    const auto result = tempo::try_compile(v.expr, options);
    REQUIRE_MESSAGE(result.ok(), result.message());
    const double actual = (*result.value)(v.step);
    CHECK_MESSAGE(close(actual, v.expected), "got ", actual, " expected ", v.expected);
  }
}

TEST_CASE("every reference vector matches through tempo eval") {
  for (const auto& v : load()) {
    std::vector<std::string> args = {"tempo", "eval", "-e", v.expr, "--at", std::to_string(v.step)};
    if (v.total != "-") {
      args.push_back("--total");
      args.push_back(v.total);
    }
    std::ostringstream out, err;
    INFO(v.expr, " step=", v.step);
    REQUIRE(tempo::cli::run(args, out, err) == 0);
    const std::string line = out.str();
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    CHECK(std::stod(line.substr(0, tab)) == v.step);
    CHECK(close(std::stod(line.substr(tab + 1)), v.expected));
  }
}
