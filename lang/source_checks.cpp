#include "source_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tao/pegtl.hpp>

#include "tempo/limits.hpp"

namespace tempo {

bool check_text(const std::shared_ptr<const SourceFile>& file, std::vector<Diagnostic>& out) {
  const std::string& text = file->text();
  auto report = [&](std::uint32_t at, std::string message, std::string hint) {
    out.push_back({SourceSpan{file, at, at + 1}, std::move(message), std::move(hint)});
  };
  if (text.size() > limits::max_source_bytes) {
    report(0, fmt::format("the source is {} bytes, more than the limit of 1 MiB", text.size()),
           "split the schedules into several files");
    return false;
  }
  // Plain ASCII without NUL is valid as it is: one pass over the bytes, not the UTF-8 rule's.
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return c != '\0' && static_cast<unsigned char>(c) < 0x80; })) {
    return true;
  }
  namespace pegtl = tao::pegtl;
  pegtl::memory_input<> in(text, file->name());
  (void)pegtl::parse<pegtl::star<pegtl::utf8::not_one<0>>>(in);
  if (in.empty()) return true;
  const auto at = static_cast<std::uint32_t>(in.byte());
  if (text[at] == '\0') {
    report(at, "the source contains a NUL byte", "");
  } else {
    report(at, "the source is not valid UTF-8", "save the file as UTF-8");
  }
  return false;
}

}  // namespace tempo
