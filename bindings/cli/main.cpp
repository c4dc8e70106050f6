// The `tempo` executable: argv → tempo::cli::run.
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv, argv + argc);
  return tempo::cli::run(args, std::cout, std::cerr);
}
