// The C API's opaque structs and its error constructors, shared by the files of bindings/c.
#pragma once

#include <string>
#include <vector>

#include "tempo/compile.hpp"
#include "tempo/tempo.h"

struct tempo_options {
  tempo::Options options;
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

inline const tempo::Options& options_of(const tempo_options* o) {
  static const tempo::Options defaults;
  return o ? o->options : defaults;
}

}  // namespace tempo::c
