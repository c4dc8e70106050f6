// Drives the `tempo` command line in-process for the CLI tests.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../bindings/cli/cli.hpp"

namespace cli_test {

struct Run {
  int status;
  std::string out, err;
};

inline Run tempo_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "tempo");
  std::ostringstream out, err;
  const int status = tempo::cli::run(args, out, err);
  return {status, out.str(), err.str()};
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read ", path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string golden(const std::string& name) {
  return read_file(std::string(TEMPO_SOURCE_DIR) + "/tests/golden/" + name);
}

inline std::string example(const std::string& name) {
  return std::string(TEMPO_SOURCE_DIR) + "/examples/" + name;
}

}  // namespace cli_test
