// The C API over the C++ one: opaque structs wrap tempo::Options, tempo::Schedule and the
// diagnostics; every entry point is noexcept and turns any failure into a tempo_error.
#include <cmath>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "handles.hpp"

struct tempo_observations {
  tempo::Observations record;
  std::string text;  // tempo_observations_text's
};

namespace {

using tempo::c::make_error;
using tempo::c::options_of;

// A key of tempo_options_set names a binding or a context value: an identifier.
bool is_name(const char* key) {
  const auto letter = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (!letter(*key)) return false;
  for (const char* c = key + 1; *c; ++c) {
    if (!letter(*c) && !(*c >= '0' && *c <= '9')) return false;
  }
  return true;
}

template <typename Compile>
tempo_schedule* compile_with(const tempo_options* options, Compile compile,
                             tempo_error** error) noexcept {
  if (error) *error = nullptr;
  if (options && !options->invalid.empty()) {
    if (error) *error = make_error(options->invalid.c_str());
    return nullptr;
  }
  return tempo::c::guarded<tempo_schedule>(
      compile, [](auto& program) { return new tempo_schedule{std::move(program.main())}; }, error);
}

void set_optional(tempo_options* o, std::optional<double> tempo::Options::*field,
                  double value) noexcept {
  if (!o) return;
  if (std::isnan(value)) {
    (o->options.*field).reset();
  } else {
    o->options.*field = value;
  }
}

}  // namespace

extern "C" {

const char* tempo_version(void) {
  return TEMPO_VERSION_STRING;
}

tempo_options* tempo_options_new(void) {
  return new (std::nothrow) tempo_options{};
}
void tempo_options_free(tempo_options* options) {
  delete options;
}
void tempo_options_set_total(tempo_options* o, double total) {
  set_optional(o, &tempo::Options::total, total);
}
void tempo_options_set_steps_per_epoch(tempo_options* o, double steps) {
  set_optional(o, &tempo::Options::steps_per_epoch, steps);
}
void tempo_options_set_tokens_per_step(tempo_options* o, double tokens) {
  set_optional(o, &tempo::Options::tokens_per_step, tokens);
}
void tempo_options_set_name(tempo_options* o, const char* name) {
  if (!o) return;
  try {
    o->options.name = name ? name : "";
  } catch (...) {
  }
}
void tempo_options_set(tempo_options* o, const char* key, const char* value) {
  if (!o || !key || !value) return;
  try {
    if (!is_name(key)) {
      if (o->invalid.empty()) {
        o->invalid = std::string("tempo_options_set: `") + key +
                     "` is not a name (a key names a binding or a context value, e.g. `peak` or "
                     "`total`)";
      }
      return;
    }
    o->options.set.emplace_back(key, value);
  } catch (...) {
  }
}

tempo_schedule* tempo_compile(const char* source, const tempo_options* options,
                              tempo_error** error) {
  if (!source) source = "";
  return compile_with(
      options, [&] { return tempo::try_compile_program(source, options_of(options)); }, error);
}

tempo_schedule* tempo_compile_file(const char* path, const tempo_options* options,
                                   tempo_error** error) {
  return compile_with(
      options, [&] { return tempo::try_compile_file(path ? path : "", options_of(options)); },
      error);
}

tempo_schedule* tempo_schedule_copy(const tempo_schedule* schedule) {
  return schedule ? new (std::nothrow) tempo_schedule{schedule->schedule} : nullptr;
}
void tempo_schedule_free(tempo_schedule* schedule) {
  delete schedule;
}

double tempo_eval(const tempo_schedule* schedule, double step) {
  return schedule ? schedule->schedule(step) : NAN;
}

void tempo_fill(const tempo_schedule* schedule, double first_step, double stride, double* out,
                size_t count) {
  if (!schedule || !out) return;
  schedule->schedule.fill(first_step, std::span<double>(out, count), stride);
}

const char* tempo_schedule_source(const tempo_schedule* schedule) {
  return schedule ? schedule->schedule.source().c_str() : "";
}

size_t tempo_phase_count(const tempo_schedule* schedule) {
  return schedule ? schedule->schedule.phases().size() : 0;
}

int tempo_phase_at(const tempo_schedule* schedule, size_t index, tempo_phase* phase) {
  if (!schedule || !phase || index >= schedule->schedule.phases().size()) return -1;
  const auto& row = schedule->schedule.phases()[index];
  *phase = {row.name.c_str(), row.start, row.end, row.start_value, row.end_value};
  return 0;
}

const char* tempo_error_text(const tempo_error* error) {
  return error ? error->text.c_str() : "";
}
size_t tempo_error_count(const tempo_error* error) {
  return error ? error->entries.size() : 0;
}
int tempo_error_diagnostic(const tempo_error* error, size_t index, tempo_diagnostic* out) {
  if (!error || !out || index >= error->entries.size()) return -1;
  const auto& e = error->entries[index];
  *out = {e.file.c_str(), e.line, e.column, e.message.c_str(), e.hint.c_str()};
  return 0;
}
void tempo_error_free(tempo_error* error) {
  delete error;
}

tempo_observations* tempo_observations_new(void) {
  return new (std::nothrow) tempo_observations{};
}
void tempo_observations_free(tempo_observations* record) {
  delete record;
}
int tempo_observations_add(tempo_observations* record, double step, const char* metric,
                           double value, tempo_error** error) {
  return tempo::c::catching(-1, error, [&] {
    if (!record) throw std::invalid_argument("tempo_observations_add: the record is NULL");
    record->record.add(step, metric ? metric : "", value);
    return 0;
  });
}
size_t tempo_observations_count(const tempo_observations* record) {
  return record ? record->record.size() : 0;
}
const char* tempo_observations_text(tempo_observations* record) {
  if (!record) return "";
  try {
    record->text = record->record.to_csv();
  } catch (...) {
    record->text.clear();
  }
  return record->text.c_str();
}
tempo_observations* tempo_observations_parse(const char* text, tempo_error** error) {
  return tempo::c::guarded<tempo_observations>(
      [&] { return tempo::parse_observations(text ? text : ""); },
      [](tempo::Observations& record) {
        return new tempo_observations{std::move(record), {}};
      },
      error);
}
tempo_schedule* tempo_schedule_bind(const tempo_schedule* schedule,
                                    const tempo_observations* record, tempo_error** error) {
  return tempo::c::catching<tempo_schedule*>(nullptr, error, [&]() -> tempo_schedule* {
    if (!schedule) return nullptr;
    if (!record) return new tempo_schedule{schedule->schedule};
    return new tempo_schedule{schedule->schedule.bind(record->record)};
  });
}

}  // extern "C"
