// A host built with -fno-exceptions: it includes only the public headers and uses the
// non-throwing API (try_compile and Result), which must compile and work there.
#include <cstdio>
#include <tempo/compile.hpp>

int main() {
  tempo::Options options;
  options.total = 1000;
  const auto good = tempo::try_compile("warmup(100) >> cosine()", options);
  const auto bad = tempo::try_compile("warmup(100) >> cosin()", options);
  if (!good.ok() || (*good.value)(100) != 1.0) return 1;
  if (bad.ok() || bad.diagnostics.size() != 1 || bad.diagnostics[0].column() != 16) return 1;
  // A file served from memory through Options::read_file.
  options.read_file = [](const std::string& path) -> std::optional<std::string> {
    if (path == "mem:lr.tempo") return "lr = warmup(10)";
    return std::nullopt;
  };
  const auto file = tempo::try_compile_file("mem:lr.tempo", options);
  if (!file.ok() || file.value->main()(5) != 0.5) return 1;
  if (tempo::try_compile_file("mem:missing.tempo", options).message() !=
      "error: cannot read `mem:missing.tempo`\n")
    return 1;
  std::puts("no-exceptions host: ok");
  return 0;
}
