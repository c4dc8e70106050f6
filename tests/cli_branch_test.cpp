// `tempo branch`: the new file text, -i's rewrite in place, and the refusals.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "cli_support.hpp"

using cli_test::example;
using cli_test::read_file;
using cli_test::tempo_cli;

namespace {

const std::string trunk_text =
    "# the trunk\n"
    "peak = 3e-4\n"
    "lr = peak * (warmup(2000) >> stable())   # open-ended\n"
    "wd = 0.1\n";

const std::string branched_text =
    "# the trunk\n"
    "peak = 3e-4\n"
    "lr = take(40k, peak * (warmup(2000) >> stable())) >> decay(4k, shape=sqrt)   # open-ended\n"
    "wd = 0.1\n";

// A fresh file holding `text` in the system's temporary directory.
std::string write_temporary(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace

TEST_CASE("branch: prints the file with the binding replaced, the rest as written") {
  const std::string path = write_temporary("tempo-branch-print.tempo", trunk_text);
  const auto r =
      tempo_cli({"branch", path, "--name", "lr", "--at", "40k", "--then", "decay(4k, shape=sqrt)"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == branched_text);
  CHECK(read_file(path) == trunk_text);  // without -i the file stays
  std::filesystem::remove(path);
}

TEST_CASE("branch: -i replaces the file, and the result compiles to the branch") {
  const std::string path = write_temporary("tempo-branch-inplace.tempo", trunk_text);
  const auto r = tempo_cli(
      {"branch", path, "--name", "lr", "--at", "40k", "--then", "decay(4k, shape=sqrt)", "-i"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(read_file(path) == branched_text);
  // no temporary file is left beside it
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(path).parent_path())) {
    CHECK(entry.path().filename().string().find("tempo-branch-inplace.tempo.tempo-branch-") ==
          std::string::npos);
  }
  CHECK(tempo_cli({"eval", path, "--name", "lr", "--at", "39999,44000"}).out ==
        tempo_cli({"eval", "-e",
                   "take(40k, 3e-4 * (warmup(2000) >> stable())) >> decay(4k, shape=sqrt)", "--at",
                   "39999,44000"})
            .out);
  std::filesystem::remove(path);
}

TEST_CASE("branch: a branch that does not continue is refused with the step where it parts") {
  const std::string path =
      write_temporary("tempo-branch-parts.tempo", "warmup(100) >> stable() >> decay(100)\n");
  const auto r =
      tempo_cli({"branch", path, "--at", "500", "--then", "decay(100)", "--total", "1000", "-i"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("error: the branch does not continue the trunk before step 500: at step 401 "
                   "the trunk is 1 and the branch 0.99\n") != std::string::npos);
  CHECK(read_file(path) == "warmup(100) >> stable() >> decay(100)\n");  // -i left it
  std::filesystem::remove(path);
}

TEST_CASE("branch: usage errors") {
  const std::string trunk = example("trainer/trunk.tempo");
  const auto no_then = tempo_cli({"branch", trunk, "--name", "lr", "--at", "40k"});
  CHECK(no_then.status == 2);
  CHECK(no_then.err.starts_with("tempo branch: give --at STEP and --then EXPR\n"));
  const auto two_steps =
      tempo_cli({"branch", trunk, "--name", "lr", "--at", "1,2", "--then", "decay(4k)"});
  CHECK(two_steps.status == 2);
  CHECK(two_steps.err.starts_with("tempo branch: --at takes one step here\n"));
  const auto no_file = tempo_cli({"branch", "--at", "1", "--then", "decay(4k)"});
  CHECK(no_file.status == 2);
  CHECK(no_file.err.starts_with("tempo branch: give one FILE\n"));
}
