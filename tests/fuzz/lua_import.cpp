// A .tempo source importing a generated Lua script: the input is the script, then the source
// that follows `import "gen.lua"`. The script runs in the sandbox; whatever it does (loops,
// memory bombs, errors, metamethods), the host must not crash, hang or abort, and a compiled
// schedule must evaluate from any step.
#include "fuzz.hpp"
#include "tempo/lua.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  tempo::Options options = tempo::fuzz::options_from(in);
  const std::string script = in.ConsumeRandomLengthString(4096);
  options.import = [&](const std::string&, const std::string&, std::string& error) {
    return tempo::lua::load_phases(script, "gen.lua", error);
  };
  const std::string source = "import \"gen.lua\"\n" + in.ConsumeRemainingBytesAsString();
  const auto result = tempo::try_compile(source, options);
  if (!result.ok()) {
    if (result.diagnostics.empty()) tempo::fuzz::finding("a failure without a diagnostic");
    return 0;
  }
  for (double step : {0.0, 1.0, 2.5, 50.0, 1e6, -1.0}) (void)(*result.value)(step);
  (void)tempo::take_evaluation_error();
  return 0;
}
