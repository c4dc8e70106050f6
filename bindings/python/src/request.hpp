// What one compilation was asked for: the source text and the options as the Python caller gave
// them. A Schedule keeps its Request so that pickling can send it to another process, which
// compiles it again (a compiled tree holds pointers and Lua functions; its inputs travel well).
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tempo/compile.hpp"

namespace tempo::python {

// A schedule written as a string inside a config file (tempo.load): where each of its bytes is
// in that file, so that diagnostics point at the config's own lines and columns.
struct Embedding {
  std::string file;                    // the config's name, shown in diagnostics
  std::string file_text;               // its text
  std::vector<std::uint32_t> offsets;  // per byte of the schedule, and one for its end
};

struct Request {
  std::string text;  // the source, or the text read from `source_name`
  std::string source_name = "<expr>";
  bool from_file = false;  // source_name is a path: its imports resolve beside it
  std::optional<double> total;
  std::optional<double> steps_per_epoch;
  std::optional<double> tokens_per_step;
  std::vector<std::pair<std::string, std::string>> set;
  std::string name;
  std::optional<Embedding> embedding;
};

// A compiled program with the request that made it. `scripted` is true when the source
// imported Lua phases, whose evaluation errors must be collected after evaluating.
struct Compiled {
  Program program;
  std::shared_ptr<const Request> request;
  bool scripted = false;
  // For a Program whose source binds several schedules and names none as its main one: the
  // diagnostic that Program.main raises.
  std::vector<Diagnostic> no_main;
};

// Compiles `request`, with `import "x.lua"` served by the Lua scripting library as in the CLI.
// Raises tempo.Error (as pybind11::error_already_set) with the diagnostics.
Compiled compile_request(Request request);

// Every binding of the source, even when it binds several schedules and `request.name` names
// none of them (then `no_main` holds the diagnostic that says so).
Compiled compile_program_request(Request request);

// Reads `request.source_name` from disk into `request.text`, then compiles it. An unreadable file
// is the library's own "cannot read" diagnostic.
Compiled compile_file_request(Request request, bool whole_program = false);

// The same request, asking for another binding of the program.
std::shared_ptr<const Request> with_name(const Request& request, const std::string& name);

// Pickling: the request as a tuple of plain Python values, and back.
pybind11::tuple request_state(const Request& request);
Request request_from_state(const pybind11::handle& state);
// (file, file_text, offsets) from Python.
Embedding embedding_from(const pybind11::handle& value);

// Reads the keyword arguments every entry point takes (total, steps_per_epoch, tokens_per_step,
// set, name) into `request`. `set` is a mapping or pairs; its values are Tempo source, numbers,
// booleans or schedules.
void read_options(Request& request, const pybind11::object& total,
                  const pybind11::object& steps_per_epoch, const pybind11::object& tokens_per_step,
                  const pybind11::object& set, const pybind11::object& name);

}  // namespace tempo::python
