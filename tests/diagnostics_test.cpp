// Bad input of every kind: each case asserts the exact message, line and column of the first
// diagnostic (and the hint where there is one), plus the rendered form and multi-error reports.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <string_view>

#include "tempo/compile.hpp"

namespace {

struct BadInput {
  std::string_view source;
  double total;  // 0: no total
  const char* message;
  unsigned line, column;
  const char* hint = nullptr;
};

const BadInput cases[] = {
    // syntax
    {"warmup(2000", 0, "this call is never closed: `)` is missing", 1, 7, "add `)`"},
    {"warmup(2000,)", 0, "expected an argument, found `)`", 1, 13},
    {"warmup(2000) >>", 0, "expected an expression after `>>`, found the end of the source", 1, 14},
    {"warmup(2000) >> >> cosine()", 0, "expected an expression, found `>`", 1, 17},
    {"3 * (warmup(100)", 0, "this `(` is never closed", 1, 5, "add `)`"},
    {"3 * (warmup(100) cosine()", 0, "expected `)` to close `(`, found `cosine`", 1, 18},
    {"multistep(100, at=[30, 60", 0, "this `[` is never closed", 1, 19,
     "add `]` after the last item"},
    {"warmup(2x)", 0, "a number cannot run into letters, found `x`", 1, 9},
    {"warmup(100) @ 2", 0, "expected an operator, `;` or the end of the line, found `@`", 1, 13},
    {"warmup(100) cosine(10)", 0,
     "expected an operator, `;` or the end of the line, found `cosine`", 1, 13},
    {")", 0, "expected a binding or an expression, found `)`", 1, 1},
    {"lr = ", 0, "expected an expression after `=`, found the end of the source", 1, 4},
    {"2 ^", 0, "expected an expression after `^`, found the end of the source", 1, 3},
    // slips, each with what to write (issue 12 point 6)
    {"warmup(3 epochs)", 0, "`epochs` is not a unit", 1, 10,
     "the units are `ep`, `tok` and `steps`, as in 3 ep or 375M tok"},
    {"cosine(375M tokens)", 0, "`tokens` is not a unit", 1, 13,
     "the units are `ep`, `tok` and `steps`, as in 3 ep or 375M tok"},
    {"total: 100000", 0, "a binding is written with `=`, not `:`", 1, 6, "e.g. total = 100_000"},
    {"total = 100,000", 0, "a number cannot be grouped with `,`", 1, 12,
     "group digits with `_`, as in 100_000 (or write 100k)"},
    {"warmup(100,000)", 0, "a number cannot be grouped with `,`", 1, 11,
     "group digits with `_`, as in 100_000 (or write 100k)"},
    {"stable(150%)", 100, "a fraction of total must be between 0 and 1, got 150%", 1, 8,
     "a share of the run is at most 100%; a number of steps is written as one, e.g. 1500"},
    {"2 ** 3", 0, "`**` is not an operator", 1, 3, "powers are written with `^`, as in 2^10"},
    {"warmup(10) -> cosine(10)", 0, "`->` is not an operator", 1, 12,
     "phases are joined with `>>`"},
    {"warmup(10, shape=\"cosine\")", 0, "Tempo has no strings", 1, 18,
     "choices are bare names, as in shape=cosine; only `import` takes a quoted path"},
    {"lr = warmup(10)\n  >> cosine(10)", 0, "a line cannot start with `>>`", 2, 3,
     "to continue an expression on the next line, end the line before with `>>`"},
    {"lr = warmup(10) >>\n", 0, "expected an expression after `>>`, found the end of the source", 1,
     17},
    {"cosine(100, min=)", 0, "expected an expression, found `)`", 1, 17},
    {"# only a comment\n", 0, "the source is empty", 1, 1},
    // names and calls
    {"warmup(2000) >> cosin()", 0, "unknown function `cosin`", 1, 17, "did you mean `cosine`?"},
    {"foo", 0, "unknown name `foo`", 1, 1},
    {"cosine", 0, "unknown name `cosine`", 1, 1,
     "`cosine` is a function: call it, as in `cosine()`"},
    {"p + 1", 0, "`p` only has a meaning inside curve(...)", 1, 1},
    {"total", 0, "`total` is not known here", 1, 1, "give --total N, or a `total = N` line"},
    {"warmup(2000) >> cosine(mn=0.1)", 0, "`cosine` has no argument `mn`", 1, 24,
     "did you mean `min`? valid arguments: d, min, max, exponent"},
    {"cosine(10, min=0.1, min=0.2)", 0, "argument `min` is given twice", 1, 21},
    {"cosine(min=0.1, 10)", 0, "a positional argument cannot follow named ones", 1, 17},
    {"warmup(100, 0, 1, linear, 2, 7)", 0, "`warmup` takes at most 5 arguments, but 6 were given",
     1, 1},
    {"staircase(100)", 0, "`staircase` needs the argument `every`", 1, 1,
     "staircase(d, every, gamma=0.1, from=L)"},
    {"noam(d_model=512)", 0, "`noam` needs the argument `warmup`", 1, 1},
    {"min()", 0, "`min` takes at least 1 argument, but 0 were given", 1, 1},
    {"clamp(1, 2)", 0, "`clamp` takes 3 arguments, but 2 were given", 1, 1},
    {"sqrt(x=2)", 0, "`sqrt` takes no named arguments", 1, 6},
    // kinds
    {"warmup(100, shape=cosin)", 0,
     "`shape` must be one of linear, cosine, exp, sqrt, poly, log, not `cosin`", 1, 19,
     "did you mean `cosine`?"},
    {"warmup(100, shape=3)", 0, "`shape` takes a name: one of linear, cosine, exp, sqrt, poly, log",
     1, 19},
    {"onecycle(100, three_phase=1)", 0, "`three_phase` must be true or false", 1, 27},
    {"exponential(100, gamma=[1, 2])", 0, "`gamma` must be a number, not a list", 1, 24},
    {"multistep(100, at=5)", 0, "`at` must be a list of steps, such as [30, 60, 90]", 1, 19},
    {"cosine(100, min=warmup(10))", 0, "`min` must be a constant number", 1, 17},
    {"warmup(100) + true", 0, "`true` is not a number", 1, 15},
    {"[1, 2]", 0, "a list is not a schedule", 1, 1},
    {"interp([0, 1], 5)", 0, "each point is a list of two numbers [x, y]", 1, 16},
    // durations
    {"stable(0.9)", 0, "`0.9` is a fraction of total, but total is not known", 1, 8},
    {"warmup(1.5) >> cosine()", 1000, "a fraction of total must be between 0 and 1, got 1.5", 1, 8},
    {"warmup(-5)", 0, "`d` must be ≥ 0 steps, got -5", 1, 8},
    {"warmup(1e300 * 1e300)", 0, "`d` must be a finite number of steps, got inf", 1, 8},
    {"warmup(1e17)", 0, "`d` is more than 2^53 steps", 1, 8},
    {"warmup(3 ep)", 0, "`3 ep` is in epochs, but steps_per_epoch is not known", 1, 8},
    {"warmup(375M tok)", 0, "`375M tok` is in tokens, but tokens_per_step is not known", 1, 8},
    {"warmup(100) * 3 ep", 0, "`3 ep` is in epochs, but steps_per_epoch is not known", 1, 15,
     "give --set steps_per_epoch=N, or a `steps_per_epoch = N` line"},
    // ranges (LANGUAGE.md §5)
    {"staircase(100, every=0)", 0, "`every` must be > 0, got 0", 1, 22},
    {"exponential(100, gamma=0)", 0, "`gamma` must be > 0, got 0", 1, 24},
    {"poly(100, power=-1)", 0, "`power` must be ≥ 0, got -1", 1, 17},
    {"onecycle(100, pct=1.5)", 0, "`pct` must be between 0 and 1 (exclusive), got 1.5", 1, 19},
    {"onecycle(100, pct=0.6, three_phase=true)", 0,
     "`pct` must be at most 0.5 with three_phase=true", 1, 15},
    {"sgdr(period=0)", 0, "`period` must be > 0, got 0", 1, 13},
    {"sgdr(100, period=10, mult=0.5)", 0, "`mult` must be ≥ 1, got 0.5", 1, 27},
    {"cyclic(100, base=0, max=1, half=0)", 0, "`half` must be > 0, got 0", 1, 33},
    {"warmup(100, from=0, shape=exp)", 0,
     "an exp ramp needs both ends > 0, but it goes from 0 to 1", 1, 13},
    {"decay(100, shape=exp)", 0, "an exp ramp needs both ends > 0, but it goes from 1 to 0", 1, 1},
    {"multistep(100, at=[30, 20])", 0, "`at` must be strictly increasing, but 20 comes after 30", 1,
     24},
    {"interp([0, 1], [0, 0.5])", 0, "the x must be strictly increasing, but 0 comes after 0", 1,
     17},
    {"interp([10, 1], [20, 0.5])", 0, "the first x must be 0, got 10", 1, 9},
    {"interp([0, 1])", 0, "`interp` needs at least two points", 1, 1},
    {"repeat(cosine(10), 2.5)", 0, "`times` must be a whole number, got 2.5", 1, 20},
    {"repeat(cosine(10), 0)", 0, "`times` must be ≥ 1, got 0", 1, 20},
    {"repeat(cosine(), 2)", 0, "`s` must be a schedule with a fixed length of at least one step", 1,
     8},
    // sequencing (LANGUAGE.md §4)
    {"cosine()", 0, "`cosine` needs a length: give d or total", 1, 1},
    {"warmup(100) >> 0.5 >> 0.25", 0, "two elastic phases in one sequence: `0.5` and `0.25`", 1,
     23},
    {"warmup(100) >> stable() >> cosine(100)", 0,
     "`stable()` is elastic but not last, so its length needs total", 1, 16},
    {"warmup(600) >> stable() >> cosine(600)", 1000,
     "no room for `stable()`: the other phases take 1200 of 1000 steps", 1, 16,
     "`warmup(600)` takes 600, `stable()` is elastic, `cosine(600)` takes 600"},
    {"warmup(600) >> cosine(600)", 1000, "the phases take 1200 steps, more than total (1000)", 1,
     1},
    {"curve(expr=1 - p^2)", 0, "this curve uses p or len, so it needs a length: give d or total", 1,
     12},
    {"curve(10, warmup(5))", 0, "a phase such as `warmup` cannot appear inside curve(...)", 1, 11},
    // files (LANGUAGE.md §7)
    {"a = b * 2\nb = 3\nlr = a", 0, "`b` is used before it is bound", 1, 5,
     "`b` is bound on line 2; move it above line 1"},
    {"a = b\nb = a\nlr = cosine(10)", 0, "`a` and `b` are defined in terms of each other", 1, 5},
    {"a = a + 1", 0, "`a` is defined in terms of itself", 1, 5},
    {"lr = cosine(10)\nlr = warmup(10)", 0, "`lr` is bound twice", 2, 1,
     "it is first bound on line 1"},
    {"cosine(10)\nwarmup(10)", 0, "a file can hold only one bare expression", 2, 1},
    {"total = -5\nlr = cosine()", 0, "`total` must be > 0, got -5", 1, 9},
    {"lr = cosine(10) # caf\xe9", 0, "the source is not valid UTF-8", 1, 22},
    {std::string_view("lr = 1\0", 7), 0, "the source contains a NUL byte", 1, 7},
};

}  // namespace

TEST_CASE("every bad input gets its exact message, line and column") {
  CHECK(std::size(cases) >= 40);
  for (const auto& c : cases) {
    tempo::Options options;
    if (c.total > 0) options.total = c.total;
    const std::string source(c.source);
    INFO(source);
    const auto result = tempo::try_compile(source, options);
    REQUIRE_FALSE(result.ok());
    REQUIRE_FALSE(result.diagnostics.empty());
    const tempo::Diagnostic& d = result.diagnostics.front();
    CHECK(d.message == c.message);
    CHECK(d.line() == c.line);
    CHECK(d.column() == c.column);
    if (c.hint) CHECK(d.hint == c.hint);
  }
}

TEST_CASE("a diagnostic renders with position, source line, caret and hint") {
  const auto result = tempo::try_compile("warmup(2000) >> cosin(min=0.1)");
  CHECK(result.message() ==
        "<expr>:1:17: error: unknown function `cosin`\n"
        "   |\n"
        " 1 | warmup(2000) >> cosin(min=0.1)\n"
        "   |                 ^~~~~\n"
        "   = hint: did you mean `cosine`?\n");
}

TEST_CASE("the file name appears in diagnostics") {
  tempo::Options options;
  options.source_name = "lr.tempo";
  const auto result = tempo::try_compile("lr = warmup(-1)", options);
  CHECK(result.message().starts_with("lr.tempo:1:13: error: `d` must be ≥ 0 steps, got -1\n"));
}

TEST_CASE("compilation reports every error it can find, not just the first") {
  // Parsing resumes at the next statement, so every line's syntax is checked.
  const auto result = tempo::try_compile(
      "a = 1 2\n"
      "b = warmup(10 20)\n"
      "c = 3 +\n");
  REQUIRE(result.diagnostics.size() == 3);
  CHECK(result.diagnostics[0].message ==
        "expected an operator, `;` or the end of the line, found `2`");
  CHECK(result.diagnostics[1].message == "expected `,` or `)` to close the call, found `20`");
  CHECK(result.diagnostics[1].line() == 2);
  CHECK(result.diagnostics[2].message ==
        "expected an expression after `+`, found the end of the source");
  CHECK(result.diagnostics[2].line() == 3);

  const auto semantic = tempo::try_compile(
      "a = cosin(10)\n"
      "b = warmup(10, shape=sine)\n"
      "d = staircase(100)\n"
      "lr = a\n");
  REQUIRE(semantic.diagnostics.size() == 3);
  CHECK(semantic.diagnostics[0].line() == 1);
  CHECK(semantic.diagnostics[1].line() == 2);
  CHECK(semantic.diagnostics[2].message == "`staircase` needs the argument `every`");
}

TEST_CASE("parsing resumes past a failed statement, never at a `;` inside a comment") {
  // The fuzzer's input (tests/fuzz/regressions/format): the error points back at the `(`, and a
  // retry after the commented `;` used to find the same error again, forever.
  const auto commented = tempo::try_compile("(#;(\n");
  REQUIRE(commented.diagnostics.size() == 1);
  CHECK(commented.diagnostics[0].message ==
        "expected an expression after `(`, found the end of the source");
  CHECK(commented.diagnostics[0].column() == 1);

  // A `;` outside a comment still starts the next statement; one inside does not (`)` would be
  // an error of its own).
  const auto three = tempo::try_compile("a = 1 2 # ; )\nc = 3 3; d = (");
  REQUIRE(three.diagnostics.size() == 3);
  CHECK(three.diagnostics[0].line() == 1);
  CHECK(three.diagnostics[1].line() == 2);
  CHECK(three.diagnostics[1].message ==
        "expected an operator, `;` or the end of the line, found `3`");
  CHECK(three.diagnostics[2].message ==
        "expected an expression after `(`, found the end of the source");
}

TEST_CASE("a NaN total is refused, also where a token clock is built before it is checked") {
  // The fuzzer's input (tests/fuzz/regressions/format/nan-total-token-clock): the clock's
  // schedule had phases of NaN length, laid out nothing, and its segment table was read empty.
  tempo::Options options;
  options.total = std::nan("");
  const auto result = tempo::try_compile(
      "tokens_per_step = 4096 * (stable(2, at=1) >> stable(at=5))\n"
      "total = 1T tok\n"
      "lr = warmup(10)\n",
      options);
  REQUIRE_FALSE(result.ok());
  CHECK(result.diagnostics.front().message == "total must be > 0, got nan");
}

TEST_CASE("a long line is shown as a window around the caret") {
  const std::string source = "lr = " + std::string(300, ' ') + "cosin(10)";
  const auto result = tempo::try_compile(source);
  const std::string text = result.message();
  CHECK(text.starts_with("<expr>:1:306: error: unknown function `cosin`\n"));
  CHECK(text.find("…") != std::string::npos);
  CHECK(text.size() < 400);
}

TEST_CASE("asking for a binding that does not exist names the ones that do") {
  tempo::Options options;
  options.name = "lrr";
  const auto result = tempo::try_compile("lr = cosine(10)\nwd = 0.1", options);
  CHECK(
      result.message() ==
      "<expr>: error: no binding named `lrr`\n   = hint: did you mean `lr`? (the source binds lr, "
      "wd)\n");
  options.name = "lr";
  CHECK(tempo::try_compile("cosine(10)", options).diagnostics[0].hint ==
        "the source is one expression: leave out --name");
}

TEST_CASE("compile throws CompileError carrying the diagnostics") {
  try {
    (void)tempo::compile("cosine()");
    FAIL("no exception");
  } catch (const tempo::CompileError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].message == "`cosine` needs a length: give d or total");
    CHECK(std::string(e.what()).starts_with("<expr>:1:1: error:"));
  }
}
