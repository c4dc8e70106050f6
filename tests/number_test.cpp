// tempo::read_number: one reader of Tempo's number literals for the parser and for hosts (the
// CLI's options), so that `--total 100_000` and `total = 100_000` cannot disagree.
#include "tempo/number.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>

#include "cli_support.hpp"

using cli_test::tempo_cli;

TEST_CASE("read_number reads a whole literal: digits with _, fraction, exponent, k/M/B/T, %") {
  CHECK(tempo::read_number("2k")->value == 2000);
  CHECK(tempo::read_number("1e-3")->value == 1e-3);
  CHECK(tempo::read_number("100_000")->value == 100000);
  CHECK(tempo::read_number("1.5M")->value == 1.5e6);
  CHECK(tempo::read_number("2B")->value == 2e9);
  CHECK(tempo::read_number("3T")->value == 3e12);
  CHECK(tempo::read_number("2e3k")->value == 2e6);
  CHECK(tempo::read_number(".5")->value == 0.5);
  CHECK(tempo::read_number("1e400")->value == INFINITY);
  // Read as strtod reads them: correctly rounded, out of range to 0 or a denormal, `1.` whole.
  CHECK(tempo::read_number("1e-400")->value == 0);
  CHECK(tempo::read_number("5e-324")->value == std::strtod("5e-324", nullptr));
  CHECK(tempo::read_number("1.")->value == 1);
  CHECK(tempo::read_number("0.1")->value == std::strtod("0.1", nullptr));
  CHECK(tempo::read_number("2.2250738585072011e-308")->value ==
        std::strtod("2.2250738585072011e-308", nullptr));

  const auto share = tempo::read_number("90%");
  REQUIRE(share);
  CHECK(share->value == 0.9);
  CHECK(share->has_percent);
  CHECK(!share->has_dot);
  CHECK(!share->has_magnitude);
  const auto fraction = tempo::read_number("0.25");
  REQUIRE(fraction);
  CHECK(fraction->has_dot);
  CHECK(tempo::read_number("1.5k")->has_magnitude);
}

TEST_CASE("read_number refuses what is not one literal") {
  for (const char* text : {"", "-5", "+5", " 5", "5 ", "0x10", "inf", "nan", "1.5.3", "_1", "1__0",
                           "1_", "2x", "3 ep", "1e", "k", "."}) {
    INFO(text);
    CHECK(!tempo::read_number(text));
  }
}

TEST_CASE("the CLI's numbers read as the language's") {
  CHECK(tempo_cli({"eval", "-e", "linear(total, from=0, to=1)", "--total", "100_000", "--at",
                   "2.5e4,50k"})
            .out == "25000\t0.25\n50000\t0.5\n");
  CHECK(tempo_cli({"eval", "-e", "1", "--at", "-5"}).out == "-5\t1\n");
  // A usage error: the message, then the command's usage (exit 2).
  const auto first_line = [](const cli_test::Run& run) {
    CHECK(run.status == 2);
    return run.err.substr(0, run.err.find('\n'));
  };
  CHECK(first_line(tempo_cli({"eval", "-e", "1", "--at", "0x10"})) ==
        "tempo eval: --at: `0x10` is not a number");
  CHECK(first_line(tempo_cli({"eval", "-e", "1", "--total", "50%", "--at", "0"})) ==
        "tempo eval: --total: `50%` is not a number");
}
