// Rendering of diagnostics, in the style of Clang and rustc: position, message, the source line
// with a caret and tildes under the span, then the hint.
#include "tempo/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tempo {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::uint32_t SourceFile::line_of(std::uint32_t offset) const noexcept {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::uint32_t>(it - line_starts_.begin());
}

std::uint32_t SourceFile::column_of(std::uint32_t offset) const noexcept {
  return offset - line_starts_[line_of(offset) - 1] + 1;
}

std::string_view SourceFile::line_text(std::uint32_t line) const noexcept {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(begin, end - begin);
}

namespace {
// Lines longer than this are shown as a window around the caret.
constexpr std::uint32_t max_shown = 100;

std::string hint_line(const std::string& gutter, const std::string& hint) {
  return hint.empty() ? std::string() : fmt::format(" {} = hint: {}\n", gutter, hint);
}
}  // namespace

std::string render(const Diagnostic& d) {
  if (!d.span.file || d.span.is_whole()) {
    const std::string where = d.span.file ? d.span.file->name() + ": " : "";
    return fmt::format("{}error: {}\n", where, d.message) + hint_line(" ", d.hint);
  }
  const std::uint32_t line = d.line();
  const std::uint32_t column = d.column();
  std::string out =
      fmt::format("{}:{}:{}: error: {}\n", d.span.file->name(), line, column, d.message);
  const std::string_view text = d.span.file->line_text(line);
  // A long line is shown as a window around the caret, marked with … where it is cut.
  std::uint32_t from = 0;
  if (text.size() > max_shown && column > max_shown / 2) from = column - max_shown / 2;
  const std::string_view shown = text.substr(std::min<std::size_t>(from, text.size()), max_shown);
  const std::string prefix = from > 0 ? "…" : "";
  const std::string suffix = from + shown.size() < text.size() ? "…" : "";
  // Tabs are kept under the caret so that it lines up in any terminal.
  std::string pad = from > 0 ? " " : "";
  for (std::uint32_t i = 0; i + 1 + from < column && i < shown.size(); ++i) {
    pad += shown[i] == '\t' ? '\t' : ' ';
  }
  const std::uint32_t offset = column - 1 - from;
  const std::uint32_t room =
      shown.size() > offset ? static_cast<std::uint32_t>(shown.size()) - offset : 1;
  const std::uint32_t width = std::clamp<std::uint32_t>(d.span.end - d.span.begin, 1, room);
  const std::string gutter(fmt::formatted_size("{}", line), ' ');
  out += fmt::format(" {} |\n {} | {}{}{}\n {} | {}^{}\n", gutter, line, prefix, shown, suffix,
                     gutter, pad, std::string(width - 1, '~'));
  return out + hint_line(gutter, d.hint);
}

std::string render(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += render(d);
  return out;
}

}  // namespace tempo
