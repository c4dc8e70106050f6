// Colour (issue 12 point 6): diagnostics and the terminal plot in ANSI colours through
// fmt/color.h on a terminal, plain text otherwise, NO_COLOR honoured, --color=auto|always|never.
#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../bindings/cli/cli.hpp"

namespace {

struct Run {
  int status;
  std::string out, err;
};

Run tempo_cli(std::vector<std::string> args, tempo::cli::Terminals terminals = {}) {
  args.insert(args.begin(), "tempo");
  std::ostringstream out, err;
  const int status = tempo::cli::run(args, out, err, terminals);
  return {status, out.str(), err.str()};
}

// NO_COLOR set (or unset) for one scope, restored after it.
class NoColor {
 public:
  explicit NoColor(const char* value) {
    if (const char* old = std::getenv("NO_COLOR")) saved_ = old;
    if (value) {
      setenv("NO_COLOR", value, 1);
    } else {
      unsetenv("NO_COLOR");
    }
  }
  ~NoColor() {
    if (saved_) {
      setenv("NO_COLOR", saved_->c_str(), 1);
    } else {
      unsetenv("NO_COLOR");
    }
  }
  NoColor(const NoColor&) = delete;
  NoColor& operator=(const NoColor&) = delete;

 private:
  std::optional<std::string> saved_;
};

const tempo::cli::Terminals terminal{true, true};

const std::string plain_error =
    "<expr>:1:1: error: unknown function `cosin`\n"
    "   |\n"
    " 1 | cosin()\n"
    "   | ^~~~~\n"
    "   = hint: did you mean `cosine`?\n";

// Bold position and message, red `error:`, blue gutter, green caret, cyan `= hint:`.
const std::string coloured_error =
    "\x1b[1m<expr>:1:1:\x1b[0m \x1b[1m\x1b[31merror:\x1b[0m \x1b[1munknown function "
    "`cosin`\x1b[0m\n"
    "\x1b[1m\x1b[34m   |\x1b[0m\n"
    "\x1b[1m\x1b[34m 1 |\x1b[0m cosin()\n"
    "\x1b[1m\x1b[34m   |\x1b[0m \x1b[1m\x1b[32m^~~~~\x1b[0m\n"
    "   \x1b[1m\x1b[36m= hint:\x1b[0m did you mean `cosine`?\n";

}  // namespace

TEST_CASE("--color=always colours a diagnostic with fmt's escape sequences") {
  const NoColor unset(nullptr);
  const Run r = tempo_cli({"check", "--color=always", "-e", "cosin()"});
  CHECK(r.status == 1);
  CHECK(r.err == coloured_error);
  CHECK(tempo_cli({"check", "--color", "always", "-e", "cosin()"}).err == coloured_error);
  // A flag on the command line overrides NO_COLOR.
  const NoColor set("1");
  CHECK(tempo_cli({"check", "-e", "cosin()", "--color=always"}).err == coloured_error);
}

TEST_CASE("a warning is coloured magenta") {
  const Run r = tempo_cli({"check", "--color=always", "-e", "warmup(100) >> cosine(100, min=2)"});
  CHECK(r.status == 0);
  CHECK(r.err.starts_with("\x1b[1m<expr>:1:28:\x1b[0m \x1b[1m\x1b[35mwarning:\x1b[0m \x1b[1m"));
}

TEST_CASE("on a terminal diagnostics are coloured unless NO_COLOR is set or --color=never") {
  {
    const NoColor unset(nullptr);
    CHECK(tempo_cli({"check", "-e", "cosin()"}, terminal).err == coloured_error);
    CHECK(tempo_cli({"check", "-e", "cosin()", "--color=never"}, terminal).err == plain_error);
    CHECK(tempo_cli({"check", "-e", "cosin()"}).err == plain_error);  // not a terminal
  }
  {
    const NoColor set("1");
    CHECK(tempo_cli({"check", "-e", "cosin()"}, terminal).err == plain_error);
    CHECK(tempo_cli({"check", "-e", "cosin()", "--color=auto"}, terminal).err == plain_error);
  }
  {
    const NoColor empty("");  // an empty NO_COLOR does not count (no-color.org)
    CHECK(tempo_cli({"check", "-e", "cosin()"}, terminal).err == coloured_error);
  }
}

TEST_CASE("the terminal plot is coloured on a terminal, plain with NO_COLOR") {
  const std::vector<std::string> args = {
      "plot", "-e", "warmup(10) >> cosine(10)", "--width", "40", "--height", "6"};
  const NoColor unset(nullptr);
  const Run coloured = tempo_cli(args, terminal);
  CHECK(coloured.status == 0);
  // The legend's sample in the first series' colour (bright blue), the curve in it too.
  CHECK(coloured.out.find("\x1b[94m⣀⣀\x1b[0m") != std::string::npos);
  const NoColor set("1");
  const Run plain = tempo_cli(args, terminal);
  CHECK(plain.status == 0);
  CHECK(plain.out.find('\x1b') == std::string::npos);
  CHECK(plain.out.find("⣀⣀") != std::string::npos);
}

TEST_CASE("--color takes auto, always or never") {
  const Run r = tempo_cli({"check", "--color=sometimes", "-e", "1"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "tempo check: --color sometimes: not a colour mode\n"
        "   = hint: write --color=auto, --color=always or --color=never\n\n");
  // After -e, --color is the expression's text, not the option.
  CHECK(tempo_cli({"check", "-e", "--color"})
            .err.starts_with("<expr>:1:3: error: unknown name `color`\n"));
}
