// Diagnostics: what went wrong, where, and what to do. A diagnostic is a value collected by the
// parser and the compiler and never printed where it is found; `render` turns it into the one
// text that the CLI, the Lua binding and the C API all show.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tempo {

// A source text with its name ("lr.tempo", "<expr>") and a line index for positions.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const noexcept { return name_; }
  const std::string& text() const noexcept { return text_; }
  // 1-based line and column (in bytes) of a byte offset.
  std::uint32_t line_of(std::uint32_t offset) const noexcept;
  std::uint32_t column_of(std::uint32_t offset) const noexcept;
  std::string_view line_text(std::uint32_t line) const noexcept;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// A half-open byte range [begin, end) of one source file.
struct SourceSpan {
  std::shared_ptr<const SourceFile> file;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  // A span for what concerns the whole source (no line to point at), e.g. a missing binding.
  static SourceSpan whole(std::shared_ptr<const SourceFile> f) {
    return {std::move(f), whole_file, whole_file};
  }
  static constexpr std::uint32_t whole_file = 0xFFFFFFFF;

  bool is_whole() const noexcept { return begin == whole_file; }
  std::uint32_t line() const noexcept { return file && !is_whole() ? file->line_of(begin) : 0; }
  std::uint32_t column() const noexcept { return file && !is_whole() ? file->column_of(begin) : 0; }
};

struct Diagnostic {
  SourceSpan span;
  std::string message;
  std::string hint;  // empty when there is nothing useful to add

  std::uint32_t line() const noexcept { return span.line(); }
  std::uint32_t column() const noexcept { return span.column(); }
};

// `file:line:col: error: message`, the source line, a caret under the span, then the hint.
std::string render(const Diagnostic& diagnostic);
std::string render(const std::vector<Diagnostic>& diagnostics);

}  // namespace tempo
