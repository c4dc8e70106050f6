// bytes → tempo::format_source: formatting is idempotent (fmt(fmt(x)) == fmt(x)) and keeps the
// values (x and fmt(x) compile to the same schedule, bit for bit).
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const tempo::Options options = tempo::fuzz::options_from(in);
  const std::string source = in.ConsumeRemainingBytesAsString();
  const auto formatted = tempo::format_source(source, options);
  if (!formatted.ok()) return 0;
  const auto twice = tempo::format_source(*formatted.value, options);
  if (!twice.ok()) tempo::fuzz::finding("formatted text does not format: " + twice.message());
  if (*twice.value != *formatted.value) {
    tempo::fuzz::finding("formatting is not idempotent: `" + *formatted.value + "` became `" +
                         *twice.value + "`");
  }
  const auto original = tempo::try_compile(source, options);
  if (!original.ok()) return 0;
  const auto reformatted = tempo::try_compile(*formatted.value, options);
  if (!reformatted.ok()) {
    tempo::fuzz::finding("formatted text does not compile: " + reformatted.message());
  }
  if (const auto step = tempo::fuzz::first_difference(*original.value, *reformatted.value)) {
    tempo::fuzz::finding("formatted text differs at step " + std::to_string(*step));
  }
  return 0;
}
