// Walks the string's spelling in the file and its value side by side: a byte that is the same
// in both maps one to one; an escape (\n, \", \u00e9, a surrogate pair) maps all its bytes to
// its backslash; the whitespace the quoting drops (indentation, folded line breaks, a line
// ending in a backslash, YAML's '' for ') is stepped over. One walk serves YAML, TOML and JSON:
// their escapes are subsets of one table.
#include "origin.hpp"

#include <algorithm>
#include <string>

namespace tempo {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string utf8(std::uint32_t code) {
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

bool hex(std::string_view raw, std::size_t at, int digits, std::uint32_t& code) {
  if (at + digits > raw.size()) return false;
  code = 0;
  for (int k = 0; k < digits; ++k) {
    const char c = raw[at + k];
    const int v = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
    if (v < 0) return false;
    code = code * 16 + static_cast<std::uint32_t>(v);
  }
  return true;
}

// A backslash escape at raw[at]: the bytes it stands for and where it ends. A backslash that
// ends a line (after optional spaces) joins the lines and stands for nothing.
struct Escape {
  std::string bytes;
  std::size_t end = 0;
  bool ok = false;
};

Escape decode(std::string_view raw, std::size_t at) {
  Escape e;
  if (at + 1 >= raw.size()) return e;
  const char c = raw[at + 1];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
    std::size_t j = at + 1;
    while (j < raw.size() && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\r')) ++j;
    if (j < raw.size() && raw[j] == '\n') {  // a line continuation
      while (j < raw.size() && is_space(raw[j])) ++j;
      e.end = j;
      e.ok = true;
      return e;
    }
    e.bytes = std::string(1, c);  // YAML's escaped space or tab
    e.end = at + 2;
    e.ok = true;
    return e;
  }
  static constexpr std::pair<char, const char*> simple[] = {
      {'0', "\0"}, {'a', "\a"}, {'b', "\b"},   {'t', "\t"}, {'n', "\n"}, {'v', "\v"},
      {'f', "\f"}, {'r', "\r"}, {'e', "\x1b"}, {'"', "\""}, {'/', "/"},  {'\\', "\\"}};
  for (const auto& [letter, bytes] : simple) {
    if (c == letter) {
      e.bytes = letter == '0' ? std::string(1, '\0') : std::string(bytes);
      e.end = at + 2;
      e.ok = true;
      return e;
    }
  }
  static constexpr std::pair<char, std::uint32_t> named[] = {
      {'N', 0x85}, {'_', 0xA0}, {'L', 0x2028}, {'P', 0x2029}};
  for (const auto& [letter, code] : named) {
    if (c == letter) {
      e.bytes = utf8(code);
      e.end = at + 2;
      e.ok = true;
      return e;
    }
  }
  const int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  std::uint32_t code = 0;
  if (digits == 0 || !hex(raw, at + 2, digits, code)) return e;
  e.end = at + 2 + digits;
  // A UTF-16 surrogate pair written as two \u escapes (JSON) is one character.
  std::uint32_t low = 0;
  if (c == 'u' && code >= 0xD800 && code < 0xDC00 && e.end + 1 < raw.size() && raw[e.end] == '\\' &&
      raw[e.end + 1] == 'u' && hex(raw, e.end + 2, 4, low) && low >= 0xDC00 && low < 0xE000) {
    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    e.end += 6;
  }
  e.bytes = utf8(code);
  e.ok = true;
  return e;
}

}  // namespace

std::vector<std::uint32_t> trace_in_file(const Origin& origin, std::string_view text) {
  const std::string_view raw = origin.file_text;
  // The offset of origin.line:origin.column.
  std::size_t j = 0;
  for (std::uint32_t line = 1; line < origin.line; ++line) {
    j = raw.find('\n', j);
    if (j == std::string_view::npos) return {};
    ++j;
  }
  j += origin.column - 1;
  if (j > raw.size()) return {};
  const bool escapes = origin.quoting == Origin::Quoting::double_quoted;
  const bool doubled_quote = origin.quoting == Origin::Quoting::single_quoted;
  std::vector<std::uint32_t> out(text.size() + 1);
  std::size_t i = 0;
  while (i < text.size()) {
    if (j >= raw.size()) return {};
    const char c = raw[j];
    if (escapes && c == '\\') {
      const Escape e = decode(raw, j);
      if (!e.ok || text.compare(i, e.bytes.size(), e.bytes) != 0) return {};
      for (std::size_t k = 0; k < e.bytes.size(); ++k) out[i + k] = static_cast<std::uint32_t>(j);
      i += e.bytes.size();
      j = e.end;
    } else if (doubled_quote && c == '\'') {
      if (j + 1 >= raw.size() || raw[j + 1] != '\'' || text[i] != '\'') return {};
      out[i++] = static_cast<std::uint32_t>(j);
      j += 2;
    } else if (c == text[i]) {
      out[i++] = static_cast<std::uint32_t>(j++);
    } else if (is_space(c)) {
      ++j;  // indentation, or a line break that folding turned into a space
    } else if (text[i] == ' ' || text[i] == '\n') {
      out[i++] = static_cast<std::uint32_t>(j);
    } else {
      return {};
    }
  }
  out[text.size()] = static_cast<std::uint32_t>(std::min(j, raw.size()));
  return out;
}

}  // namespace tempo
