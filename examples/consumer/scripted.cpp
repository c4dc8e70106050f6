// A C++ host with Lua-scripted phases (tempo::tempo_scripting, <tempo/lua.hpp>): compiles a
// .tempo file whose `import "x.lua"` lines load phases written in Lua, and prints its value at
// each step given.
//   scripted FILE.tempo STEP...
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <tempo/compile.hpp>
#include <tempo/lua.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs("usage: scripted FILE.tempo STEP...\n", stderr);
    return 2;
  }
  tempo::Options options;
  options.import = tempo::lua::import_file;  // `import "x.lua"`, relative to the importing file
  const auto result = tempo::try_compile_file(argv[1], options);
  if (!result.ok()) {
    std::fputs(result.message().c_str(), stderr);
    return 1;
  }
  const tempo::Schedule& lr = result.value->main();
  for (int i = 2; i < argc; ++i) {
    const double step = std::strtod(argv[i], nullptr);
    char text[32];
    const auto end =
        std::to_chars(text, text + sizeof text, lr(step), std::chars_format::general).ptr;
    std::printf("%g\t%.*s\n", step, static_cast<int>(end - text), text);
  }
  return 0;
}
