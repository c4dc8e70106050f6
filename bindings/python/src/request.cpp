// Python arguments → tempo::Options → a compiled program, and a request to and from a pickle.
#include "request.hpp"

#include <pybind11/stl.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "error.hpp"
#include "schedule_object.hpp"
#include "tempo/lua.hpp"

namespace py = pybind11;

namespace tempo::python {
namespace {

std::optional<double> optional_number(const py::object& value, const char* what) {
  if (value.is_none()) return std::nullopt;
  if (!PyNumber_Check(value.ptr()) || PyBool_Check(value.ptr()))
    throw py::type_error(std::string(what) + " must be a number");
  return value.cast<double>();
}

// A `set` value as Tempo source: strings are source, numbers are written as literals, and a
// schedule is its canonical source.
std::string as_source(const py::handle& value, const std::string& key) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr()))
    return py::str(value).cast<std::string>();
  if (PyFloat_Check(value.ptr()))  // shortest round-trip form, as float.__repr__ writes it
    return py::repr(py::float_(PyFloat_AsDouble(value.ptr()))).cast<std::string>();
  if (const Schedule* schedule = schedule_of(value.ptr())) return "(" + schedule->source() + ")";
  throw py::type_error("set[" + key + "] must be Tempo source (str), a number or a Schedule, not " +
                       std::string(Py_TYPE(value.ptr())->tp_name));
}

std::optional<std::string> read_from_disk(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Options options_of(const Request& request, bool& scripted) {
  Options options;
  options.warnings = false;  // the module raises errors and shows no warnings
  options.total = request.total;
  options.steps_per_epoch = request.steps_per_epoch;
  options.tokens_per_step = request.tokens_per_step;
  options.set = request.set;
  options.name = request.name;
  options.source_name = request.source_name;
  options.import = [&scripted](const std::string& path, const std::string& from,
                               std::string& error) {
    auto phases = lua::import_file(path, from, error);
    if (error.empty()) scripted = true;
    return phases;
  };
  return options;
}

// Diagnostics about the schedule's own text, moved to where that text is in its config file.
std::vector<Diagnostic> relocated(std::vector<Diagnostic> diagnostics, const Request& request) {
  if (!request.embedding) return diagnostics;
  const Embedding& e = *request.embedding;
  const auto config = std::make_shared<const SourceFile>(e.file, e.file_text);
  const auto at = [&](std::uint32_t offset) {
    return e.offsets.empty() ? 0 : e.offsets[std::min<std::size_t>(offset, e.offsets.size() - 1)];
  };
  for (Diagnostic& d : diagnostics) {
    if (d.span.file && d.span.file->name() != request.source_name) continue;  // a Lua file's
    const bool whole = !d.span.file || d.span.is_whole();
    const std::uint32_t begin = whole ? 0 : d.span.begin;
    const std::uint32_t end = whole ? static_cast<std::uint32_t>(request.text.size()) : d.span.end;
    d.span = e.offsets.empty() ? SourceSpan::whole(config)  // not placed in the file
                               : SourceSpan{config, at(begin), std::max(at(begin) + 1, at(end))};
  }
  return diagnostics;
}

// The compiled program, its request naming the binding chosen (unless the program has none).
Compiled finish(Result<Program> result, Request request, bool scripted, bool has_main = true) {
  if (!result.ok()) raise_error(relocated(std::move(result.diagnostics), request));
  if (request.name.empty() && has_main) request.name = result.value->main_name();
  return Compiled{
      std::move(*result.value), std::make_shared<const Request>(std::move(request)), scripted, {}};
}

}  // namespace

void read_options(Request& request, const py::object& total, const py::object& steps_per_epoch,
                  const py::object& tokens_per_step, const py::object& set,
                  const py::object& name) {
  request.total = optional_number(total, "total");
  request.steps_per_epoch = optional_number(steps_per_epoch, "steps_per_epoch");
  request.tokens_per_step = optional_number(tokens_per_step, "tokens_per_step");
  if (!name.is_none()) request.name = name.cast<std::string>();
  if (set.is_none()) return;
  const py::object pairs =
      py::isinstance<py::dict>(set) ? py::object(set.attr("items")()) : py::object(set);
  for (const py::handle pair : pairs) {
    const auto item = py::reinterpret_borrow<py::sequence>(pair);
    if (item.size() != 2) throw py::type_error("set must be a mapping or (name, value) pairs");
    const auto key = item[0].cast<std::string>();
    request.set.emplace_back(key, as_source(item[1], key));
  }
}

Compiled compile_request(Request request) {
  bool scripted = false;
  auto result = try_compile_program(request.text, options_of(request, scripted));
  return finish(std::move(result), std::move(request), scripted);
}

Compiled compile_program_request(Request request) {
  bool scripted = false;
  Options options = options_of(request, scripted);
  options.require_main = false;
  auto result = try_compile_program(request.text, options);
  std::vector<Diagnostic> no_main;
  if (result.ok() && !result.value->has_main()) {
    // What Program.main will raise: the library's own words for a source with no main schedule.
    options.require_main = true;
    no_main = relocated(try_compile_program(request.text, options).diagnostics, request);
  }
  Compiled compiled = finish(std::move(result), std::move(request), scripted, no_main.empty());
  compiled.no_main = std::move(no_main);
  return compiled;
}

Compiled compile_file_request(Request request, bool whole_program) {
  const auto text = read_from_disk(request.source_name);
  if (!text) {
    // The library's own message for a file it cannot read.
    bool scripted = false;
    Options options = options_of(request, scripted);
    options.read_file = [](const std::string&) { return std::optional<std::string>(); };
    raise_error(try_compile_file(request.source_name, options).diagnostics);
  }
  request.text = *text;
  request.from_file = true;
  return whole_program ? compile_program_request(std::move(request))
                       : compile_request(std::move(request));
}

std::shared_ptr<const Request> with_name(const Request& request, const std::string& name) {
  auto copy = std::make_shared<Request>(request);
  copy->name = name;
  return copy;
}

py::tuple request_state(const Request& r) {
  py::list set;
  for (const auto& [key, value] : r.set) set.append(py::make_tuple(key, value));
  py::object embedding = py::none();
  if (r.embedding)
    embedding = py::make_tuple(r.embedding->file, r.embedding->file_text, r.embedding->offsets);
  return py::make_tuple(1, r.text, r.source_name, r.from_file, r.total, r.steps_per_epoch,
                        r.tokens_per_step, set, r.name, embedding);
}

Embedding embedding_from(const py::handle& value) {
  const auto t = py::reinterpret_borrow<py::tuple>(value);
  if (t.size() != 3) throw py::value_error("an embedding is (file, file_text, offsets)");
  return Embedding{t[0].cast<std::string>(), t[1].cast<std::string>(),
                   t[2].cast<std::vector<std::uint32_t>>()};
}

Request request_from_state(const py::handle& state) {
  const auto t = py::reinterpret_borrow<py::tuple>(state);
  if (t.size() != 10 || t[0].cast<int>() != 1)
    throw py::value_error("not a pickled tempo schedule of this version");
  Request r;
  r.text = t[1].cast<std::string>();
  r.source_name = t[2].cast<std::string>();
  r.from_file = t[3].cast<bool>();
  r.total = t[4].cast<std::optional<double>>();
  r.steps_per_epoch = t[5].cast<std::optional<double>>();
  r.tokens_per_step = t[6].cast<std::optional<double>>();
  for (const py::handle pair : t[7])
    r.set.emplace_back(pair[py::int_(0)].cast<std::string>(),
                       pair[py::int_(1)].cast<std::string>());
  r.name = t[8].cast<std::string>();
  if (!t[9].is_none()) r.embedding = embedding_from(t[9]);
  return r;
}

}  // namespace tempo::python
