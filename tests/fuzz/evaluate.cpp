// bytes → compile → evaluate at phase boundaries, huge, negative, NaN and ±∞ steps. A finding:
// a crash, a hang, a sanitizer report, a failure without a diagnostic, or a broken promise of
// Schedule::operator() (steps before 0 take the value at 0; a NaN step gives NaN; the same step
// gives the same value twice).
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const tempo::Options options = tempo::fuzz::options_from(in);
  const std::string source = in.ConsumeRemainingBytesAsString();
  const auto result = tempo::try_compile(source, options);
  if (!result.ok()) {
    if (result.diagnostics.empty()) tempo::fuzz::finding("a failure without a diagnostic");
    (void)result.message();
    return 0;
  }
  const tempo::Schedule& s = *result.value;
  (void)s.source();
  for (double step : tempo::fuzz::steps_of(s)) {
    const double value = s(step);
    if (!tempo::fuzz::same(value, s(step))) tempo::fuzz::finding("two values at one step");
    if (std::isnan(step) && !std::isnan(value)) tempo::fuzz::finding("a NaN step gave a number");
    if (step < 0 && !tempo::fuzz::same(value, s(0))) {
      tempo::fuzz::finding("a step before 0 did not take the value at 0");
    }
  }
  return 0;
}
