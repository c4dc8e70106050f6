// How a diagnostic shows its source line: a window around the caret on a long line that never
// cuts a UTF-8 sequence, a caret under the right character, control characters shown as
// spaces; and what ends a line (LF or CRLF; a CR alone does not).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>

#include "tempo/compile.hpp"
#include "tempo/diagnostic.hpp"

namespace {

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string line_of(const std::string& text, std::size_t index) {
  std::size_t begin = 0;
  for (std::size_t i = 0; i < index; ++i) begin = text.find('\n', begin) + 1;
  return text.substr(begin, text.find('\n', begin) - begin);
}

}  // namespace

TEST_CASE("a long line's window never cuts a UTF-8 sequence and the caret stays under its mark") {
  std::string arrows;
  for (int i = 0; i < 60; ++i) arrows += "\xe2\x86\x92";  // →, three bytes each
  for (std::size_t shift = 0; shift < 3; ++shift) {
    CAPTURE(shift);
    const std::string source = "lr = 1 # " + std::string(shift, ' ') + arrows + "XYZ" + arrows;
    const auto file = std::make_shared<tempo::SourceFile>("x.tempo", source);
    const auto at = static_cast<std::uint32_t>(source.find("XYZ"));
    const std::string text = tempo::render(tempo::Diagnostic{{file, at, at + 3}, "here", ""});
    CHECK(valid_utf8(text));
    const std::string shown = line_of(text, 2), caret = line_of(text, 3);
    CHECK(shown.starts_with(" 1 | …"));
    CHECK(shown.ends_with("…"));
    CHECK(characters(shown.substr(0, shown.find("XYZ"))) ==
          characters(caret.substr(0, caret.find('^'))));
    CHECK(caret.ends_with("^~~"));
  }
}

TEST_CASE("a CR alone is not a line end: it is blank space where a line may continue") {
  const auto result = tempo::try_compile("lr = warmup(10)\rcosine(10)");
  REQUIRE_FALSE(result.ok());
  CHECK(result.diagnostics.front().message ==
        "expected an operator, `;` or the end of the line, found a carriage return without a "
        "line feed");
  CHECK(result.diagnostics.front().line() == 1);
  CHECK(result.diagnostics.front().column() == 16);
  // The CR is shown as a space, so that it cannot move the terminal's cursor.
  CHECK(result.message().find(" 1 | lr = warmup(10) cosine(10)\n") != std::string::npos);
  CHECK(tempo::compile("warmup(10) >>\rcosine(10)")(15) ==
        tempo::compile("warmup(10) >> cosine(10)")(15));
  CHECK(tempo::compile("a = 0.5\r\nlr = a * warmup(10)\r\n")(5) == 0.25);
}
