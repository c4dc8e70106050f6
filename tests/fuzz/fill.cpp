// bytes → compile → fill from several starts with several strides (forever schedules too):
// every value must equal pointwise evaluation at the same step, bit for bit.
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const tempo::Options options = tempo::fuzz::options_from(in);
  const std::string source = in.ConsumeRemainingBytesAsString();
  const auto result = tempo::try_compile(source, options);
  if (!result.ok()) return 0;
  const tempo::Schedule& s = *result.value;
  std::vector<double> starts = {0, -3, 0.25, 1e15, 9007199254740990.0};
  for (const auto& row : s.phases()) {
    if (std::isfinite(row.start)) starts.push_back(row.start - 2);
    if (std::isfinite(row.end)) starts.push_back(row.end - 3.5);
  }
  std::vector<double> out(40);
  for (double first : starts) {
    for (double stride : {1.0, 0.5, 3.0, 7.25, 1e-3, 1e-15, 1e6, 1e15}) {
      s.fill(first, out, stride);
      for (std::size_t i = 0; i < out.size(); ++i) {
        const double step = first + static_cast<double>(i) * stride;
        if (!tempo::fuzz::same(out[i], s(step))) {
          tempo::fuzz::finding("fill from " + std::to_string(first) + " by " +
                               std::to_string(stride) + " differs from pointwise at step " +
                               std::to_string(step));
        }
      }
    }
  }
  return 0;
}
