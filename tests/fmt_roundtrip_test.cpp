// `tempo fmt` changes nothing a compiler sees (issue 12 point 4, issue 14 item 10): for every
// example, every source in the docs and every reference vector, the formatted text compiles to
// the identical schedules (values at many steps, canonical source) and formatting it again
// changes nothing — also after the spacing is disturbed and comments are put inside brackets.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../bindings/cli/options.hpp"
#include "../bindings/lua/scripting.hpp"
#include "tempo/compile.hpp"

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string formatted(const std::string& source) {
  const auto result = tempo::format_source(source);
  REQUIRE_MESSAGE(result.ok(), source, "\n", result.message());
  return *result.value;
}

std::string replace_all(const std::string& text, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t next; (next = text.find(from, at)) != std::string::npos;
       at = next + from.size()) {
    out.append(text, at, next - at);
    out.append(to);
  }
  out.append(text, at);
  return out;
}

// The steps a schedule is compared at: its phase boundaries and their neighbours, a grid over
// the run, and far past it.
std::vector<double> steps_of(const tempo::Schedule& s) {
  std::vector<double> steps = {0, 0.5, 1, 2, 3, 1e6, 1e9};
  double end = std::isnan(s.total()) ? 0 : s.total();
  for (const auto& phase : s.phases()) {
    for (double boundary : {phase.start, phase.end}) {
      if (!std::isfinite(boundary)) continue;
      end = std::max(end, boundary);
      for (double d : {-1.0, 0.0, 1.0}) steps.push_back(std::max(0.0, boundary + d));
    }
  }
  if (end == 0) end = 10000;
  for (int i = 0; i <= 64; ++i) steps.push_back(std::round(end * i / 64));
  return steps;
}

bool same_value(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

// Formats `source`, checks that formatting again changes nothing, and that both texts compile
// to the same schedules. Returns the formatted text.
std::string check_round_trip(const std::string& source, tempo::Options options) {
  INFO("source:\n", source);
  const std::string once = formatted(source);
  INFO("formatted:\n", once);
  CHECK(formatted(once) == once);
  options.require_main = false;
  options.import = tempo::lua::import_file;
  const auto before = tempo::try_compile_program(source, options);
  const auto after = tempo::try_compile_program(once, options);
  REQUIRE_MESSAGE(before.ok(), before.message());
  REQUIRE_MESSAGE(after.ok(), after.message());
  CHECK(after.value->names() == before.value->names());
  for (const std::string& name : before.value->names()) {
    INFO("binding ", name);
    const tempo::Schedule& a = *before.value->find(name);
    const tempo::Schedule* b = after.value->find(name);
    REQUIRE(b);
    CHECK(b->source() == a.source());
    for (double step : steps_of(a)) {
      INFO("step ", step);
      CHECK(same_value((*b)(step), a(step)));
    }
  }
  return once;
}

struct Case {
  std::string source;
  tempo::Options options;
};

// The expression of a `$ tempo … -e '…' [--total N] [--set K=V]` line, with its options.
std::optional<Case> console_case(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false;
  for (char c : line + " ") {
    if (c == '\'') {
      quoted = !quoted;
    } else if (c == ' ' && !quoted) {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  Case out;
  bool expression = false;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "-e") {
      out.source = words[i + 1];
      expression = true;
    } else if (words[i] == "--total") {
      out.options.total = tempo::cli::parse_number(words[i + 1], "--total");
    } else if (words[i] == "--set") {
      const auto eq = words[i + 1].find('=');
      out.options.set.emplace_back(words[i + 1].substr(0, eq), words[i + 1].substr(eq + 1));
    }
  }
  if (!expression) return std::nullopt;
  return out;
}

// Every source of a Markdown page: the untagged code blocks and the `-e` of console examples.
std::vector<Case> doc_cases(const std::string& text) {
  std::vector<Case> out;
  std::istringstream lines(text);
  std::string line, block;
  enum { outside, plain, console, other } state = outside;
  while (std::getline(lines, line)) {
    if (state == outside && line.starts_with("```")) {
      state = line == "```" ? plain : line == "```console" ? console : other;
      block.clear();
    } else if (state != outside && line == "```") {
      if (state == plain) out.push_back({block, {}});
      state = outside;
    } else if (state == plain) {
      block += line + "\n";
    } else if (state == console && line.starts_with("$ tempo ")) {
      if (auto c = console_case(line)) out.push_back(*c);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("fmt keeps every example's schedules and is idempotent on it") {
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(TEMPO_SOURCE_DIR "/examples")) {
    if (entry.path().extension() != ".tempo") continue;
    INFO(entry.path().string());
    tempo::Options options;
    options.source_name = entry.path().string();  // imports are found next to the file
    const std::string text = read(entry.path());
    // The examples are written formatted: fmt leaves them as they are, comments included.
    CHECK(check_round_trip(text, options) == text);
    ++count;
  }
  CHECK(count >= 4);
}

TEST_CASE("fmt keeps the schedules of every source in the docs that compiles") {
  int compiled = 0;
  for (const char* page :
       {"/docs/language.md", "/docs/cli.md", "/docs/embedding.md", "/docs/lua.md", "/README.md"}) {
    for (Case c : doc_cases(read(std::string(TEMPO_SOURCE_DIR) + page))) {
      INFO(page);
      c.options.require_main = false;
      if (!tempo::try_compile_program(c.source, c.options).ok()) continue;  // an error example
      check_round_trip(c.source, c.options);
      ++compiled;
    }
  }
  CHECK(compiled >= 13);
}

TEST_CASE("fmt keeps every reference vector's schedule, however it is spaced or commented") {
  std::ifstream in(TEMPO_SOURCE_DIR "/tests/data/vectors.tsv");
  std::string line;
  std::getline(in, line);  // header
  std::set<std::pair<std::string, std::string>> seen;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string expr, total;
    std::getline(fields, expr, '\t');
    std::getline(fields, total, '\t');
    if (!seen.insert({expr, total}).second) continue;
    tempo::Options options;
    if (total != "-") options.total = std::stod(total);
    const std::string once = check_round_trip(expr, options);
    // Spacing is all fmt looks at: disturbed, it comes back the same.
    std::string spaced = replace_all(once, "(", "(  ");
    spaced = replace_all(replace_all(spaced, ")", " \t)"), ", ", "  ,   ");
    spaced = replace_all(replace_all(spaced, " >> ", ">>"), "=", " = ");
    spaced = replace_all(replace_all(spaced, " * ", "*"), " - ", "  -  ");
    CHECK(check_round_trip(spaced, options) == once);
    // Comments and line breaks inside brackets and after operators stay where they are.
    std::string commented = replace_all(once, " >> ", " >>   # then\n    ");
    commented = replace_all(replace_all(commented, ", ", ",  # next\n  "), "(", "( # open\n\t");
    const std::string kept = check_round_trip(commented, options);
    CHECK(kept == commented + (commented.ends_with('\n') ? "" : "\n"));
  }
  CHECK(seen.size() >= 60);
}
