// Source text → syntax tree. The PEGTL grammar (grammar.hpp) drives; the actions
// (parse_actions.hpp) build the tree on a stack (parse_builder.hpp); the control
// (parse_control.hpp) turns a failed must-rule into a sentence in the user's words and enforces
// the nesting and size limits. After a syntax error, parsing resumes at the next
// statement, so one run reports the errors of every line.
#include <fmt/format.h>

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
    // Resume after the statement that failed: past the next line end or `;`.
    const std::size_t next = text.find_first_of("\n;", error_byte);
    if (next == std::string::npos) return module;
    resume = next + 1;
  }
}

}  // namespace tempo::ast
