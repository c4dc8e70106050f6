// The C API's opaque structs and its error constructors, shared by the files of bindings/c.
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "tempo/compile.hpp"
#include "tempo/tempo.h"

struct tempo_options {
  // The C API reports errors, never warnings: its compiles skip the warnings pass.
  tempo::Options options = [] {
    tempo::Options o;
    o.warnings = false;
    return o;
  }();
  std::string invalid;  // the first bad call, made a compile error (the setters return nothing)
};

struct tempo_schedule {
  tempo::Schedule schedule;
};

struct tempo_error {
  std::string text;
  struct Entry {
    std::string file, message, hint;
    unsigned line, column;
  };
  std::vector<Entry> entries;
};

namespace tempo::c {

inline tempo_error* make_error(const std::vector<tempo::Diagnostic>& diagnostics) noexcept {
  try {
    auto* error = new tempo_error{tempo::render(diagnostics), {}};
    for (const auto& d : diagnostics) {
      error->entries.push_back(
          {d.span.file ? d.span.file->name() : "", d.message, d.hint, d.line(), d.column()});
    }
    return error;
  } catch (...) {
    return nullptr;
  }
}

inline tempo_error* make_error(const char* message) noexcept {
  try {
    return new tempo_error{std::string("error: ") + message + "\n", {{"", message, "", 0, 0}}};
  } catch (...) {
    return nullptr;
  }
}

// Runs `body` and returns what it returns; an exception becomes a tempo_error and `failed` is
// returned instead: nothing is thrown across the C boundary.
template <typename T, typename Body>
T catching(T failed, tempo_error** error, Body body) noexcept {
  if (error) *error = nullptr;
  try {
    return body();
  } catch (const std::exception& e) {
    if (error) *error = make_error(e.what());
  } catch (...) {
    if (error) *error = make_error("unknown failure");
  }
  return failed;
}

// Runs `make`, which returns a Result<T>; `wrap` turns its value into the handle. Every failure,
// a diagnostic or an exception, becomes a tempo_error.
template <typename Handle, typename Make, typename Wrap>
Handle* guarded(Make make, Wrap wrap, tempo_error** error) noexcept {
  return catching<Handle*>(nullptr, error, [&]() -> Handle* {
    auto result = make();
    if (result.value) return wrap(*result.value);
    if (error) *error = make_error(result.diagnostics);
    return nullptr;
  });
}

inline const tempo::Options& options_of(const tempo_options* o) {
  static const tempo::Options defaults = tempo_options{}.options;
  return o ? o->options : defaults;
}

}  // namespace tempo::c
