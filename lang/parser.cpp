// Source text → syntax tree. The PEGTL grammar (grammar.hpp) drives; the actions
// (parse_actions.hpp) build the tree on a stack (parse_builder.hpp); the control
// (parse_control.hpp) turns a failed must-rule into a sentence in the user's words and enforces
// the nesting and size limits. After a syntax error, parsing resumes at the next
// statement, so one run reports the errors of every line.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>

#include "ast.hpp"
#include "parse_actions.hpp"
#include "parse_control.hpp"

namespace tempo::ast {

namespace pegtl = tao::pegtl;
using parsing::Builder;
using parsing::fatal_error;
using parsing::syntax_error;

namespace {

// Where parsing resumes after a syntax error found at `from`: past the next line end, or the next
// `;` outside a comment (a `;` after `#` ends nothing). `from` is never before the statement
// that failed, although an error may point back at an earlier bracket: so every retry starts
// later than the one before, and parsing ends.
std::size_t resume_after(std::string_view text, std::size_t from) {
  const std::size_t line = from == 0 ? 0 : text.find_last_of('\n', from - 1) + 1;  // npos+1 is 0
  bool comment = text.substr(line, from - line).find('#') != std::string_view::npos;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\n') return i + 1;
    if (text[i] == '#') comment = true;
    if (text[i] == ';' && !comment) return i + 1;
  }
  return std::string_view::npos;
}

}  // namespace

Module parse(std::shared_ptr<const SourceFile> file, std::vector<Diagnostic>& diagnostics) {
  Module module;
  module.file = file;
  const std::string& text = file->text();
  // At most about one syntax node per 6 bytes of source (the design card has one per 7, a long
  // sequence one per 7): reserved once, so that growing never moves every node.
  module.nodes.reserve(text.size() / 6 + 8);
  std::size_t resume = 0;
  while (true) {
    Builder builder(module, text.data());  // a statement that failed leaves nothing behind
    const std::uint32_t at = static_cast<std::uint32_t>(resume);
    // Lazy tracking: the input's place is a pointer, so PEGTL's rewinds copy one word, not four
    // (byte, line, column); diagnostics need only the byte, counted from the source's start.
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(),
                                                       file->name());
    in.bump(at);
    std::size_t error_byte = 0;
    try {
      pegtl::parse<grammar::file, parsing::action, parsing::control>(in, builder);
      return module;
    } catch (const syntax_error& e) {
      diagnostics.push_back(
          {module.span(static_cast<std::uint32_t>(e.byte), static_cast<std::uint32_t>(e.byte + 1)),
           e.message, e.hint});
      error_byte = e.byte;
    } catch (const fatal_error& e) {
      diagnostics.push_back(
          {module.span(static_cast<std::uint32_t>(e.byte), static_cast<std::uint32_t>(e.byte + 1)),
           e.message, ""});
      return module;
    }
    resume = resume_after(text, std::max(resume, error_byte));
    if (resume == std::string::npos) return module;
  }
}

}  // namespace tempo::ast
