// Rendering of diagnostics, in the style of Clang and rustc: position, message, the source line
// with a caret and tildes under the span, then the hint.
#include "tempo/diagnostic.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>

#include "origin.hpp"
#include "tempo/coloured.hpp"

namespace tempo {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceFile::SourceFile(std::string name, std::string text, const Origin& origin)
    : SourceFile(std::move(name), std::move(text)) {
  host_ = std::make_shared<const SourceFile>(origin.file.empty() ? name_ : origin.file,
                                             origin.file_text);
  origin_line_ = std::max<std::uint32_t>(origin.line, 1);
  origin_column_ = std::max<std::uint32_t>(origin.column, 1);
  if (origin.file_text.empty()) return;
  host_offsets_ =
      origin.offsets.size() == text_.size() + 1 ? origin.offsets : trace_in_file(origin, text_);
  if (host_offsets_.empty()) {
    // The file does not spell the string as the quoting says: count on from its first byte.
    const std::uint32_t start =
        host_->line_starts_[std::min<std::size_t>(origin_line_, host_->line_starts_.size()) - 1] +
        origin_column_ - 1;
    for (std::uint32_t i = 0; i <= text_.size(); ++i) host_offsets_.push_back(start + i);
  }
}

std::uint32_t SourceFile::own_line(std::uint32_t offset) const noexcept {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::uint32_t>(it - line_starts_.begin());
}

std::uint32_t SourceFile::own_column(std::uint32_t offset) const noexcept {
  return offset - line_starts_[own_line(offset) - 1] + 1;
}

std::uint32_t SourceFile::line_of(std::uint32_t offset) const noexcept {
  if (!host_) return own_line(offset);
  if (!host_offsets_.empty()) {
    return host_->own_line(host_offsets_[std::min<std::size_t>(offset, text_.size())]);
  }
  return origin_line_ + own_line(offset) - 1;
}

std::uint32_t SourceFile::column_of(std::uint32_t offset) const noexcept {
  if (!host_) return own_column(offset);
  if (!host_offsets_.empty()) {
    return host_->own_column(host_offsets_[std::min<std::size_t>(offset, text_.size())]);
  }
  return own_line(offset) == 1 ? origin_column_ + own_column(offset) - 1 : own_column(offset);
}

std::string_view SourceFile::line_text(std::uint32_t line) const noexcept {
  if (host_) return host_->line_text(line);
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(begin, end - begin);
}

namespace {
// Lines longer than this are shown as a window around the caret.
constexpr std::uint32_t max_shown = 100;

// Plain text, or `text` in `style` between ANSI escapes (fmt/color.h) when colouring.
std::string paint(bool colour, fmt::text_style style, std::string_view text) {
  return colour && !text.empty() ? fmt::format(style, "{}", text) : std::string(text);
}

const fmt::text_style bold = fmt::emphasis::bold;
const fmt::text_style gutter_style = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::blue);
const fmt::text_style caret_style = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::green);
const fmt::text_style hint_style = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::cyan);

std::string severity(const Diagnostic& d, bool colour) {
  const bool warning = d.severity == Severity::warning;
  const auto style = fmt::emphasis::bold |
                     fmt::fg(warning ? fmt::terminal_color::magenta : fmt::terminal_color::red);
  return paint(colour, style, warning ? "warning:" : "error:");
}

std::string hint_line(const std::string& gutter, const std::string& hint, bool colour) {
  if (hint.empty()) return {};
  return fmt::format(" {} {} {}\n", gutter, paint(colour, hint_style, "= hint:"), hint);
}

std::string styled(const Diagnostic& diagnostic, bool colour) {
  Diagnostic d = diagnostic;
  // What concerns a whole string taken out of a config file points at that string.
  if (d.span.file && d.span.is_whole() && d.span.file->embedded()) {
    d.span.begin = 0;
    d.span.end = static_cast<std::uint32_t>(d.span.file->text().size());
  }
  if (!d.span.file || d.span.is_whole()) {
    const std::string where = d.span.file ? d.span.file->name() + ": " : "";
    return paint(colour, bold, where) + severity(d, colour) + " " + paint(colour, bold, d.message) +
           "\n" + hint_line(" ", d.hint, colour);
  }
  const std::uint32_t line = d.line();
  const std::uint32_t column = d.column();
  std::string out =
      paint(colour, bold, fmt::format("{}:{}:{}:", d.span.file->name(), line, column)) + " " +
      severity(d, colour) + " " + paint(colour, bold, d.message) + "\n";
  if (!d.span.file->has_lines()) return out + hint_line(" ", d.hint, colour);
  const std::string_view text = d.span.file->line_text(line);
  // A long line is shown as a window around the caret, marked with … where it is cut; the cuts
  // fall between UTF-8 sequences, never inside one.
  const auto continuation = [&](std::size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  std::size_t from = 0;
  if (text.size() > max_shown && column > max_shown / 2) from = column - max_shown / 2;
  from = std::min(from, text.size());
  while (from > 0 && continuation(from)) --from;
  std::size_t to = std::min<std::size_t>(from + max_shown, text.size());
  while (to > from && continuation(to)) --to;
  // Control characters (a lone CR, ESC) would move the terminal's cursor: shown as spaces.
  std::string shown(text.substr(from, to - from));
  for (char& ch : shown) {
    if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') ch = ' ';
    if (ch == '\x7f') ch = ' ';
  }
  const std::string prefix = from > 0 ? "…" : "";
  const std::string suffix = to < text.size() ? "…" : "";
  // One space per character before the caret (tabs kept, so that it lines up in any terminal),
  // one tilde per character under the span.
  const std::size_t offset =
      std::min<std::size_t>(column - 1 - std::min<std::size_t>(from, column - 1), shown.size());
  std::string pad = from > 0 ? " " : "";
  for (std::size_t i = 0; i < offset; ++i) {
    if ((static_cast<unsigned char>(shown[i]) & 0xC0) == 0x80) continue;
    pad += shown[i] == '\t' ? '\t' : ' ';
  }
  // The span's length in the line as shown: in a string taken out of a config, an escape is
  // wider than its value and a span may run on to the next line.
  std::size_t span_bytes = d.span.end - d.span.begin;
  if (d.span.file->embedded()) {
    const bool same_line = d.span.file->line_of(d.span.end) == line;
    const std::uint32_t end_column = d.span.file->column_of(d.span.end);
    span_bytes = !same_line ? shown.size() : end_column > column ? end_column - column : 0;
  }
  std::size_t width = 0;
  const std::size_t span_end = std::min<std::size_t>(offset + span_bytes, shown.size());
  for (std::size_t i = offset; i < span_end; ++i) {
    width += (static_cast<unsigned char>(shown[i]) & 0xC0) != 0x80;
  }
  width = std::max<std::size_t>(width, 1);
  const std::string gutter(fmt::formatted_size("{}", line), ' ');
  const std::string bar = paint(colour, gutter_style, fmt::format(" {} |", gutter));
  out += fmt::format("{}\n{} {}{}{}\n{} {}{}\n", bar,
                     paint(colour, gutter_style, fmt::format(" {} |", line)), prefix, shown, suffix,
                     bar, pad,
                     paint(colour, caret_style, fmt::format("^{}", std::string(width - 1, '~'))));
  return out + hint_line(gutter, d.hint, colour);
}
}  // namespace

std::string render(const Diagnostic& diagnostic) {
  return styled(diagnostic, false);
}
std::string render_coloured(const Diagnostic& diagnostic) {
  return styled(diagnostic, true);
}

std::string render(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += render(d);
  return out;
}

std::string render_coloured(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += render_coloured(d);
  return out;
}

}  // namespace tempo
