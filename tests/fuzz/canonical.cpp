// bytes → compile → the canonical source (Schedule::source()) → compile with the same options:
// it must compile and give the same value at every step tried, bit for bit.
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const tempo::Options options = tempo::fuzz::options_from(in);
  const std::string source = in.ConsumeRemainingBytesAsString();
  const auto first = tempo::try_compile(source, options);
  if (!first.ok()) return 0;
  const auto again = tempo::try_compile(first.value->source(), options);
  if (!again.ok()) {
    tempo::fuzz::finding("the canonical source `" + first.value->source() +
                         "` does not compile: " + again.message());
  }
  if (const auto step = tempo::fuzz::first_difference(*first.value, *again.value)) {
    tempo::fuzz::finding("the canonical source `" + first.value->source() + "` differs at step " +
                         std::to_string(*step));
  }
  return 0;
}
