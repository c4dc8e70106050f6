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

// Where a source text came from when a host took it out of another file: a schedule written as
// a string in a YAML, TOML or JSON config (Options::origin). Diagnostics then name that file and
// point at its lines and columns, with its own line under the message.
struct Origin {
  // How the string is written in the file, which says how its bytes map back to the file's.
  enum class Quoting {
    plain,          // YAML plain scalar, a JSON/TOML number: as is (YAML folds line breaks)
    single_quoted,  // YAML 'text' ('' is one quote), TOML 'literal' and multi-line literal
    double_quoted,  // "text" with backslash escapes (YAML, JSON, TOML basic and multi-line)
    literal_block,  // YAML `|`: lines kept, the indentation removed
    folded_block,   // YAML `>`: lines folded into spaces, the indentation removed
  };
  std::string file;  // shown in diagnostics, e.g. "train.yaml"
  // 1-based line and column (in bytes) of the string's first character: after an opening quote;
  // for a block scalar, the first character of the line after `|` or `>`.
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  Quoting quoting = Quoting::plain;
  // The file's text: with it, every byte of the string is traced back to its place in the file
  // (escapes, folding and indentation included), and the file's line is shown under a
  // diagnostic. Without it, columns count on from `column` and no line is shown.
  std::string file_text;
  // Optional, for hosts that know better: the byte offset in file_text of each byte of the
  // string, and one more entry for the end of the string (where its closing quote is).
  std::vector<std::uint32_t> offsets;
};

// A source text with its name ("lr.tempo", "<expr>") and a line index for positions.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);
  // A text taken out of another file: its name, positions and lines are that file's.
  SourceFile(std::string name, std::string text, const Origin& origin);

  const std::string& name() const noexcept { return host_ ? host_->name_ : name_; }
  const std::string& text() const noexcept { return text_; }
  // 1-based line and column (in bytes) of a byte offset of text(), in the file it came from.
  std::uint32_t line_of(std::uint32_t offset) const noexcept;
  std::uint32_t column_of(std::uint32_t offset) const noexcept;
  // A line of the file the text came from; empty when that file's text is not known.
  std::string_view line_text(std::uint32_t line) const noexcept;
  // Whether the text came out of another file (Options::origin).
  bool embedded() const noexcept { return host_ != nullptr; }
  // Whether line_text can show the lines (false for an origin without the file's text).
  bool has_lines() const noexcept { return !host_ || !host_->text_.empty(); }

 private:
  std::uint32_t own_line(std::uint32_t offset) const noexcept;
  std::uint32_t own_column(std::uint32_t offset) const noexcept;

  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  // With an origin: the file the text came from, and the offset in it of each byte of text_
  // (one more for the end). Without that file's text, host_offsets_ is empty and positions
  // count on from origin_line_ and origin_column_.
  std::shared_ptr<const SourceFile> host_;
  std::vector<std::uint32_t> host_offsets_;
  std::uint32_t origin_line_ = 1;
  std::uint32_t origin_column_ = 1;
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

// An error stops the compile; a warning (a schedule that compiles but is rarely what was meant,
// docs/language.md "Warnings") comes with a schedule that works.
enum class Severity { error, warning };

struct Diagnostic {
  SourceSpan span;
  std::string message;
  std::string hint;  // empty when there is nothing useful to add
  Severity severity = Severity::error;

  std::uint32_t line() const noexcept { return span.line(); }
  std::uint32_t column() const noexcept { return span.column(); }
};

// `file:line:col: error: message` (or `warning:`), the source line, a caret under the span, then
// the hint.
std::string render(const Diagnostic& diagnostic);
std::string render(const std::vector<Diagnostic>& diagnostics);

}  // namespace tempo
