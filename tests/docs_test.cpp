// docs/language.md cannot drift: its phase reference must be exactly what the registration
// table generates, and every `console` example in it must print what it shows.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../bindings/cli/cli.hpp"
#include "../bindings/cli/command.hpp"

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string docs_path = std::string(TEMPO_SOURCE_DIR) + "/docs/language.md";

// Splits a shell command line: words separated by spaces, '…' quoting kept literally.
std::vector<std::string> split_command(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false, any = false;
  for (char c : line) {
    if (c == '\'') {
      quoted = !quoted;
      any = true;
    } else if (c == ' ' && !quoted) {
      if (any) words.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
      any = true;
    }
  }
  if (any) words.push_back(word);
  return words;
}

struct Example {
  std::string command, expected;
};

std::vector<Example> examples(const std::string& text) {
  std::vector<Example> out;
  std::istringstream lines(text);
  std::string line;
  bool in_block = false;
  while (std::getline(lines, line)) {
    if (!in_block && line == "```console") {
      in_block = true;
      out.push_back({});
    } else if (line == "```") {
      in_block = false;
    } else if (in_block && out.back().command.empty()) {
      if (!line.starts_with("$ tempo ")) {  // another program's example (lua5.4, cmake, …)
        out.pop_back();
        in_block = false;
        continue;
      }
      out.back().command = line;
    } else if (in_block) {
      out.back().expected += line + "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the phase reference in docs/language.md is the one the registration table generates") {
  const std::string text = read(docs_path);
  const std::string begin =
      "<!-- BEGIN GENERATED: tempo reference (do not edit; tests/docs_test.cpp checks it) -->\n";
  const std::string end = "<!-- END GENERATED -->";
  const auto from = text.find(begin), to = text.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  CHECK(text.substr(from + begin.size(), to - from - begin.size()) ==
        tempo::cli::reference_markdown());
}

TEST_CASE("the command reference in docs/cli.md is the one the command table generates") {
  const std::string text = read(std::string(TEMPO_SOURCE_DIR) + "/docs/cli.md");
  const std::string begin =
      "<!-- BEGIN GENERATED: tempo reference commands (do not edit; tests/docs_test.cpp checks "
      "it) -->\n";
  const std::string end = "<!-- END GENERATED -->";
  const auto from = text.find(begin), to = text.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  CHECK(text.substr(from + begin.size(), to - from - begin.size()) ==
        tempo::cli::commands_markdown());
}

TEST_CASE("every command's example runs, and the README names every command") {
  const std::string readme = read(std::string(TEMPO_SOURCE_DIR) + "/README.md");
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(TEMPO_SOURCE_DIR);
  for (const tempo::cli::Command* c : tempo::cli::commands()) {
    INFO(c->example);
    CHECK(readme.find("`tempo " + std::string(c->name)) != std::string::npos);
    const auto args = split_command(std::string(c->example));
    REQUIRE(args.size() >= 2);
    CHECK(args[1] == c->name);
    std::ostringstream out, err;
    const int status = tempo::cli::run(args, out, err);
    CHECK(err.str() == "");
    CHECK(!out.str().empty());
    CHECK(status <= 1);  // 1: `tempo diff` of two schedules that differ
  }
  std::filesystem::current_path(cwd);
}

TEST_CASE("every example in docs/language.md and README.md prints what it shows") {
  auto list = examples(read(docs_path));
  CHECK(list.size() >= 15);
  for (const auto& example : examples(read(std::string(TEMPO_SOURCE_DIR) + "/README.md"))) {
    if (example.command.starts_with("$ tempo ")) list.push_back(example);
  }
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(TEMPO_SOURCE_DIR);
  for (const auto& example : list) {
    INFO(example.command);
    const auto args = split_command(example.command.substr(2));
    std::ostringstream out, err;
    const int status = tempo::cli::run(args, out, err);
    CHECK(out.str() + err.str() == example.expected);
    CHECK(status == (err.str().empty() ? 0 : 1));
  }
  std::filesystem::current_path(cwd);
}
