// Every limit of <tempo/limits.hpp> (LANGUAGE.md §8), at the limit and one past it: an error with a
// position, never a crash or a hang.
#include "tempo/limits.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

#include "tempo/compile.hpp"

namespace {

std::string first_error(const std::string& source) {
  const auto result = tempo::try_compile(source);
  return result.diagnostics.empty() ? "" : result.diagnostics.front().message;
}

std::string nested(const std::string& open, const std::string& inner, const std::string& close,
                   std::size_t depth) {
  std::string out;
  for (std::size_t i = 0; i < depth; ++i) out += open;
  out += inner;
  for (std::size_t i = 0; i < depth; ++i) out += close;
  return out;
}

}  // namespace

TEST_CASE("a source over 1 MiB is an error") {
  const std::string at_limit = "1" + std::string(tempo::limits::max_source_bytes - 1, ' ');
  CHECK(tempo::try_compile(at_limit).ok());
  CHECK(first_error(at_limit + " ") == "the source is 1048577 bytes, more than the limit of 1 MiB");
}

TEST_CASE("nesting deeper than 256 levels is an error, whatever nests") {
  const std::size_t max = tempo::limits::max_nesting;
  CHECK(tempo::try_compile(nested("(", "1", ")", max)).ok());
  CHECK(first_error(nested("(", "1", ")", max + 1)) == "nesting deeper than 256 levels");
  CHECK(first_error(nested("(", "1", ")", 100000)) == "nesting deeper than 256 levels");
  CHECK(tempo::try_compile(nested("-", "1", "", max)).ok());
  CHECK(first_error(nested("-", "1", "", max + 1)) == "nesting deeper than 256 levels");
  CHECK(first_error(nested("2^", "1", "", 1000)) == "nesting deeper than 256 levels");
  CHECK(first_error(nested("abs(", "1", ")", 1000)) == "nesting deeper than 256 levels");
  CHECK(first_error("interp(" + nested("[", "0", "]", 1000) + ")") ==
        "nesting deeper than 256 levels");
  const auto deep = tempo::try_compile(nested("(", "1", ")", max + 1));
  CHECK(deep.diagnostics.front().column() == max + 2);  // just inside the bracket too many
}

TEST_CASE("bindings nesting deeper than 256 levels are an error") {
  std::string file = "s0 = warmup(1)\n";
  for (int i = 1; i <= 300; ++i) {
    file += fmt::format("s{} = s{} >> warmup(1)\n", i, i - 1);
  }
  CHECK(first_error(file) == "bindings nest deeper than 256 levels");
  // Deep syntax inside deep bindings is bounded as a whole.
  std::string deep = "b0 = " + nested("abs(", "warmup(1)", ")", 250) + "\n";
  for (int i = 1; i <= 10; ++i) {
    deep += fmt::format("b{} = {}\n", i, nested("abs(", fmt::format("b{}", i - 1), ")", 250));
  }
  deep += "lr = b10\n";
  CHECK(first_error(deep) == "the schedule nests deeper than 1024 levels through its bindings");
  // Chains of constants are computed once each, so they have no such limit.
  std::string constants = "a0 = 1\n";
  for (int i = 1; i <= 1000; ++i) {
    constants += fmt::format("a{} = a{} + 1\n", i, i - 1);
  }
  constants += "lr = a1000 * warmup(10)\n";
  CHECK(tempo::compile(constants)(5) == doctest::Approx(500.5).epsilon(1e-15));
}

TEST_CASE("more than 100,000 syntax nodes is an error") {
  // `1+1+…+1` with n terms has n number nodes and one sum node.
  const std::size_t max = tempo::limits::max_syntax_nodes;
  auto ones = [](std::size_t terms) {
    std::string source = "1";
    for (std::size_t i = 1; i < terms; ++i) source += "+1";
    return source;
  };
  CHECK(tempo::compile(ones(max - 1))(0) == static_cast<double>(max - 1));
  CHECK(first_error(ones(max)) == "the source has more than 100000 syntax nodes");
}

TEST_CASE("an empty source is an error") {
  CHECK(first_error("") == "the source is empty");
  CHECK(first_error("  \n\t\n") == "the source is empty");
  CHECK(first_error("# just a comment") == "the source is empty");
  CHECK(first_error(";;") == "the source is empty");
}

TEST_CASE("bytes that are not UTF-8, and NUL bytes, are errors at their position") {
  CHECK(first_error("warmup(10) # \xff") == "the source is not valid UTF-8");
  CHECK(first_error("warmup(10) # \xc3") == "the source is not valid UTF-8");
  CHECK(first_error(std::string("warm\0up(10)", 11)) == "the source contains a NUL byte");
  CHECK(tempo::try_compile(std::string("warmup(10) # caf\xc3\xa9 \xe2\x86\x92 ok")).ok());
  CHECK(first_error("warmup(10) >> cosine(10) \xe2\x86\x92") ==
        "expected an operator, `;` or the end of the line, found `\xe2\x86\x92`");
}

TEST_CASE("step counts are limited to 2^53, where every integer is exact") {
  CHECK(tempo::try_compile("warmup(9007199254740992)").ok());
  CHECK(first_error("warmup(9007199254740994)") == "`d` is more than 2^53 steps");
}
