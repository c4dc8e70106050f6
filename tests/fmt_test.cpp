// `tempo fmt` without loss (issue 12 point 4, issue 14 item 10): what it keeps, what it
// normalises, and the -i and --check modes of the command.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "tempo/compile.hpp"

namespace {

namespace fs = std::filesystem;

std::string formatted(const std::string& source) {
  const auto result = tempo::format_source(source);
  REQUIRE_MESSAGE(result.ok(), result.message());
  return *result.value;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

using cli_test::Run;
using cli_test::tempo_cli;

// A fresh folder of its own for each test that writes files.
struct Folder {
  fs::path path;
  explicit Folder(const std::string& name) : path(fs::temp_directory_path() / name) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

}  // namespace

TEST_CASE("fmt normalises the spacing inside an expression and nothing else") {
  CHECK(formatted("warmup( 2k )>>cosine(min = .1)") == "warmup(2k) >> cosine(min=.1)\n");
  CHECK(formatted("1.5e-4*( warmup(2000)>>cosine( ) )") == "1.5e-4 * (warmup(2000) >> cosine())\n");
  CHECK(formatted("2 ^ - 1 + - x*-3 -  -2") == "2^-1 + -x * -3 - -2\n");
  CHECK(formatted("warmup(3  ep) >> multistep(at = [ 30,60 ,90 ])") ==
        "warmup(3 ep) >> multistep(at=[30, 60, 90])\n");
  CHECK(formatted("stable((0.5))") == "stable((0.5))\n");  // parentheses as written
  CHECK(formatted("stable(((0.5)))") == "stable(((0.5)))\n");
  CHECK(formatted("x=1\ny  =x") == "x = 1\ny  = x\n");
}

TEST_CASE("fmt keeps comments, blank lines, imports and the alignment of `=`") {
  const std::string source =
      "# A header comment.\n"
      "import \"shapes.lua\"\n"
      "\n"
      "total = 2_000_000   \n"
      "peak  = 1.5e-4      # the peak\n"
      "\n"
      "\n"
      "lr    = peak*(warmup(2000)>>cosine(min=0.1))  # trailing\n"
      "wd = 0.1 ;beta1 = 0.9\n"
      "# the end\n\n\n";
  CHECK(formatted(source) ==
        "# A header comment.\n"
        "import \"shapes.lua\"\n"
        "\n"
        "total = 2_000_000\n"
        "peak  = 1.5e-4      # the peak\n"
        "\n"
        "\n"
        "lr    = peak * (warmup(2000) >> cosine(min=0.1))  # trailing\n"
        "wd = 0.1; beta1 = 0.9\n"
        "# the end\n");
}

TEST_CASE("an expression over several lines keeps its line breaks, indentation and comments") {
  const std::string source =
      "lr = 3e-4*(   # the peak\n"
      "       warmup(2000)>>   # ramp up\n"
      "       # hold, then decay\n"
      "       stable( 0.9 ) >>\n"
      "       cosine(min=0.1,   \n"
      "              max = 1)\n"
      "     )\n"
      "wd =\n"
      "  0.1\n";
  const std::string expected =
      "lr = 3e-4 * (   # the peak\n"
      "       warmup(2000) >>   # ramp up\n"
      "       # hold, then decay\n"
      "       stable(0.9) >>\n"
      "       cosine(min=0.1,\n"
      "              max=1)\n"
      "     )\n"
      "wd =\n"
      "  0.1\n";
  CHECK(formatted(source) == expected);
  CHECK(formatted(expected) == expected);
  tempo::Options options;
  options.total = 100000;
  const auto a = tempo::compile(source, options), b = tempo::compile(expected, options);
  for (double step : {0.0, 1000.0, 2000.0, 92000.0, 96000.0, 100000.0}) CHECK(a(step) == b(step));
}

TEST_CASE("fmt keeps Windows line ends, and ends the text with one line end") {
  CHECK(formatted("x = 1  \r\ny = x*2\r\n\r\n") == "x = 1\r\ny = x * 2\r\n");
  CHECK(formatted("warmup(10)") == "warmup(10)\n");
  CHECK(formatted("x = 1\r\n") == "x = 1\r\n");
  // Kept as written (a `\v` is no token of fmt's), the blanks after a lone `\r` go and make a
  // `\r\n`: the last line end follows it at once, as it would on the next run.
  const std::string once = formatted("x = min(1,\v\r\t\n2)\n");
  CHECK(once == "x = min(1,\v\r\n2)\r\n");
  CHECK(formatted(once) == once);
}

TEST_CASE("a lone `\\r` is a blank inside brackets and part of a comment, as for the parser") {
  // The fuzzer's input (tests/fuzz/regressions/format/lone-carriage-return): kept as written
  // once, it became a `\r\n` when the line's blanks were trimmed, and then formatted otherwise.
  const std::string once = formatted("min(1 +\t\r\t\n  2,\r3) # a\rb  \n");
  CHECK(once == "min(1 +\n  2, 3) # a\rb\n");
  CHECK(formatted(once) == once);
  CHECK(formatted("x = 1 # a\r+b\r\n") == "x = 1 # a\r+b\r\n");
}

TEST_CASE("fmt reports a syntax error and prints nothing") {
  const auto result = tempo::format_source("lr = warmup(10 >> cosine()");
  CHECK_FALSE(result.ok());
  REQUIRE(!result.diagnostics.empty());
  CHECK(result.diagnostics[0].line() == 1);
  const Run r = tempo_cli({"fmt", "-e", "warmup(10"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.starts_with("<expr>:1:7: error: this call is never closed: `)` is missing\n"));
}

TEST_CASE("fmt -i rewrites each file in place, keeping its permissions") {
  Folder folder("tempo-fmt-in-place");
  const std::string messy = folder.file("messy.tempo"), tidy = folder.file("tidy.tempo");
  write(messy, "# keep me\nlr  = warmup( 10 )>>cosine()  # and me\n");
  write(tidy, "lr = warmup(10) >> cosine()\n");
  ::chmod(messy.c_str(), 0640);
  const auto tidy_time = fs::last_write_time(tidy);
  const Run r = tempo_cli({"fmt", "-i", messy, tidy});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  CHECK(read(messy) == "# keep me\nlr  = warmup(10) >> cosine()  # and me\n");
  CHECK((fs::status(messy).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(fs::last_write_time(tidy) == tidy_time);  // a formatted file is not touched
  // No temporary file is left behind.
  CHECK(std::distance(fs::directory_iterator(folder.path), fs::directory_iterator()) == 2);
}

TEST_CASE("fmt -i leaves a file with an error as it was and exits 1") {
  Folder folder("tempo-fmt-in-place-error");
  const std::string bad = folder.file("bad.tempo"), good = folder.file("good.tempo");
  write(bad, "lr  = 2x >>  cosine()\n");
  write(good, "lr = warmup(10)>>cosine()\n");
  const Run r = tempo_cli({"fmt", "-i", bad, good});
  CHECK(r.status == 1);
  CHECK(r.err.starts_with(bad + ":1:8: error: a number cannot run into letters"));
  CHECK(read(bad) == "lr  = 2x >>  cosine()\n");
  CHECK(read(good) == "lr = warmup(10) >> cosine()\n");
}

TEST_CASE("fmt --check names the files that would change and exits 1, 0 when none would") {
  Folder folder("tempo-fmt-check");
  const std::string messy = folder.file("messy.tempo"), tidy = folder.file("tidy.tempo");
  write(messy, "lr = warmup(10)>>cosine()\n");
  write(tidy, "lr = warmup(10) >> cosine()\n");
  const Run r = tempo_cli({"fmt", "--check", messy, tidy});
  CHECK(r.status == 1);
  CHECK(r.out == messy + "\n");
  CHECK(r.err.empty());
  CHECK(read(messy) == "lr = warmup(10)>>cosine()\n");  // nothing is written
  CHECK(tempo_cli({"fmt", "--check", tidy}).status == 0);
  CHECK(tempo_cli({"fmt", "--check", tidy}).out.empty());
  CHECK(tempo_cli({"fmt", "--check", "-e", "warmup(10) >> cosine(100)"}).status == 0);
  CHECK(tempo_cli({"fmt", "--check", "-e", "warmup(10)>>cosine(100)"}).out == "<expr>\n");
}

TEST_CASE("fmt's usage errors") {
  CHECK(tempo_cli({"fmt", "-i", "--check", "x.tempo"}).status == 2);
  CHECK(tempo_cli({"fmt", "-i", "--check", "x.tempo"})
            .err.starts_with("tempo fmt: give one of -i and --check\n"));
  CHECK(tempo_cli({"fmt", "-i", "-e", "1"}).err.starts_with("tempo fmt: -i needs the FILEs\n"));
  CHECK(tempo_cli({"fmt", "-i", "-"})
            .err.starts_with("tempo fmt: -i cannot rewrite standard input\n"));
  CHECK(tempo_cli({"fmt", "a.tempo", "b.tempo"}).status == 2);
}
