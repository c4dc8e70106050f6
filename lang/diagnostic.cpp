// Rendering of diagnostics, in the style of Clang and rustc: position, message, the source line
// with a caret and tildes under the span, then the hint.
#include <algorithm>

#include <fmt/format.h>

#include "tempo/diagnostic.hpp"

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

std::string render(const Diagnostic& d) {
  if (!d.span.file) return fmt::format("error: {}\n", d.message);
  const std::uint32_t line = d.line(), column = d.column();
  std::string out = fmt::format("{}:{}:{}: error: {}\n", d.span.file->name(), line, column,
                                d.message);
  const std::string_view text = d.span.file->line_text(line);
  // Tabs are kept under the caret so that it lines up in any terminal.
  std::string pad;
  for (std::uint32_t i = 0; i + 1 < column && i < text.size(); ++i) {
    pad += text[i] == '\t' ? '\t' : ' ';
  }
  const std::uint32_t room = static_cast<std::uint32_t>(text.size()) + 1 - column;
  const std::uint32_t width = std::clamp<std::uint32_t>(d.span.end - d.span.begin, 1, std::max(room, 1u));
  const std::string gutter(fmt::formatted_size("{}", line), ' ');
  out += fmt::format(" {} |\n {} | {}\n {} | {}^{}\n", gutter, line, text, gutter, pad,
                     std::string(width - 1, '~'));
  if (!d.hint.empty()) out += fmt::format(" {} = hint: {}\n", gutter, d.hint);
  return out;
}

std::string render(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += render(d);
  return out;
}

}  // namespace tempo
