// The C API with random options (context values, a name, --set pairs with any keys), then
// every reader of a schedule or an error. A finding: a crash, a sanitizer report, a schedule
// and an error both (or neither) returned, or fill differing from tempo_eval.
#include <tempo/tempo.h>

#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  tempo_options* options = in.ConsumeBool() ? tempo_options_new() : nullptr;
  if (options) {
    for (auto set : {tempo_options_set_total, tempo_options_set_steps_per_epoch,
                     tempo_options_set_tokens_per_step}) {
      if (const auto value = tempo::fuzz::context_value(in)) set(options, *value);
    }
    if (in.ConsumeBool()) tempo_options_set_name(options, in.ConsumeRandomLengthString(16).c_str());
    for (int n = in.ConsumeIntegralInRange(0, 3); n > 0; --n) {
      const std::string key = in.ConsumeRandomLengthString(12);
      const std::string value = in.ConsumeRandomLengthString(40);
      tempo_options_set(options, key.c_str(), value.c_str());
    }
  }
  const std::string source = in.ConsumeRemainingBytesAsString();
  tempo_error* error = nullptr;
  tempo_schedule* schedule = tempo_compile(source.c_str(), options, &error);
  if ((schedule == nullptr) == (error == nullptr)) {
    tempo::fuzz::finding("tempo_compile returned a schedule and an error, or neither");
  }
  if (schedule) {
    double values[16];
    tempo_fill(schedule, -2, 0.75, values, 16);
    for (int i = 0; i < 16; ++i) {
      if (!tempo::fuzz::same(values[i], tempo_eval(schedule, -2 + i * 0.75))) {
        tempo::fuzz::finding("tempo_fill differs from tempo_eval");
      }
    }
    (void)std::strlen(tempo_schedule_source(schedule));
    tempo_phase phase;
    for (std::size_t i = 0; i <= tempo_phase_count(schedule); ++i) {
      if ((tempo_phase_at(schedule, i, &phase) == 0) != (i < tempo_phase_count(schedule))) {
        tempo::fuzz::finding("tempo_phase_at disagrees with tempo_phase_count");
      }
    }
    tempo_schedule* copy = tempo_schedule_copy(schedule);
    tempo_schedule_free(schedule);
    (void)tempo_eval(copy, 1);
    tempo_schedule_free(copy);
  } else {
    (void)std::strlen(tempo_error_text(error));
    tempo_diagnostic d;
    for (std::size_t i = 0; i < tempo_error_count(error); ++i) {
      if (tempo_error_diagnostic(error, i, &d) != 0) tempo::fuzz::finding("a missing diagnostic");
      (void)std::strlen(d.message);
      (void)std::strlen(d.hint);
      (void)std::strlen(d.file);
    }
    tempo_error_free(error);
  }
  tempo_options_free(options);
  return 0;
}
