// The extension module tempo._tempo: compile, compile_file, Program, the Schedule type and the
// checkpoint functions (lifecycle.hpp). The package tempo/ (tempo/__init__.py) re-exports them
// with tempo.Error and the helpers written in Python.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "apply.hpp"
#include "error.hpp"
#include "lifecycle.hpp"
#include "observations.hpp"
#include "request.hpp"
#include "schedule_object.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace tempo::python {
namespace {

py::object main_schedule(const Compiled& compiled) {
  if (!compiled.no_main.empty()) raise_error(compiled.no_main);
  return make_schedule(compiled.program.main(), compiled.request, compiled.scripted);
}

py::object binding(const Compiled& compiled, const std::string& name) {
  const Schedule* schedule = compiled.program.find(name);
  if (!schedule) {
    std::string names;
    for (const auto& n : compiled.program.names()) names += (names.empty() ? "" : ", ") + n;
    throw py::key_error(name + " is not bound in " + compiled.request->source_name +
                        " (bound: " + names + ")");
  }
  return make_schedule(*schedule, with_name(*compiled.request, name), compiled.scripted);
}

Request request_for(std::string text, std::string source_name, const py::object& total,
                    const py::object& steps_per_epoch, const py::object& tokens_per_step,
                    const py::object& set, const py::object& name) {
  Request request;
  request.text = std::move(text);
  request.source_name = std::move(source_name);
  read_options(request, total, steps_per_epoch, tokens_per_step, set, name);
  return request;
}

std::string path_of(const py::object& path) {
  return py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>();
}

// The keyword arguments every entry point takes, after the source or path.
#define TEMPO_OPTION_ARGS                                                 \
  py::arg("total") = py::none(), py::arg("steps_per_epoch") = py::none(), \
  py::arg("tokens_per_step") = py::none(), py::arg("set") = py::none(),   \
  py::arg("name") = py::none()

void define_program(py::module_& m) {
  py::class_<Compiled>(m, "Program",
                       "Every schedule of one source, by binding name: program[\"wd\"].")
      .def(py::init([](std::string source, py::object total, py::object spe, py::object tps,
                       py::object set, py::object name) {
             return compile_program_request(
                 request_for(std::move(source), "<expr>", total, spe, tps, set, name));
           }),
           py::arg("source"), TEMPO_OPTION_ARGS)
      .def_static(
          "from_file",
          [](py::object path, py::object total, py::object spe, py::object tps, py::object set,
             py::object name) {
            return compile_file_request(request_for("", path_of(path), total, spe, tps, set, name),
                                        true);
          },
          py::arg("path"), TEMPO_OPTION_ARGS, "Compiles every binding of a .tempo file.")
      .def("__getitem__", &binding, py::arg("name"))
      .def(
          "get",
          [](const Compiled& c, const std::string& name, py::object fallback) {
            return c.program.find(name) ? binding(c, name) : fallback;
          },
          py::arg("name"), py::arg("default") = py::none())
      .def("__contains__", [](const Compiled& c,
                              const std::string& name) { return c.program.find(name) != nullptr; })
      .def(
          "names", [](const Compiled& c) { return c.program.names(); }, "The bound names, sorted.")
      .def("__iter__", [](const Compiled& c) { return py::iter(py::cast(c.program.names())); })
      .def("__len__", [](const Compiled& c) { return c.program.names().size(); })
      .def_property_readonly("main", &main_schedule,
                             "The schedule chosen by `name` or the default rule.")
      .def_property_readonly("main_name",
                             [](const Compiled& c) {
                               return c.no_main.empty() ? py::object(py::str(c.program.main_name()))
                                                        : py::object(py::none());
                             })
      .def("__repr__",
           [](const Compiled& c) {
             return "<tempo.Program " + c.request->source_name + ": " +
                    py::str(py::cast(c.program.names())).cast<std::string>() + ">";
           })
      .def(py::pickle([](const Compiled& c) { return request_state(*c.request); },
                      [](const py::tuple& state) {
                        return compile_program_request(request_from_state(state));
                      }));
}

}  // namespace
}  // namespace tempo::python

PYBIND11_MODULE(_tempo, m) {
  using namespace tempo::python;
  m.doc() = "Tempo schedules compiled from Python (the extension behind the tempo package).";
  m.attr("__version__") = TEMPO_VERSION;
  define_observations(m);
  define_schedule(m);
  define_program(m);
  define_lifecycle(m);
  define_apply(m);
  m.def(
      "compile",
      [](std::string source, py::object total, py::object spe, py::object tps, py::object set,
         py::object name) {
        return main_schedule(
            compile_request(request_for(std::move(source), "<expr>", total, spe, tps, set, name)));
      },
      py::arg("source"), TEMPO_OPTION_ARGS,
      "Compiles Tempo source into a Schedule; raises tempo.Error with the diagnostics.");
  m.def(
      "compile_file",
      [](py::object path, py::object total, py::object spe, py::object tps, py::object set,
         py::object name) {
        return main_schedule(
            compile_file_request(request_for("", path_of(path), total, spe, tps, set, name)));
      },
      py::arg("path"), TEMPO_OPTION_ARGS,
      "Compiles a .tempo file (its imports resolve beside it) into a Schedule.");
  m.def(
      "_compile_embedded",
      [](std::string source, std::string name, py::handle embedding, py::object total,
         py::object spe, py::object tps, py::object set, py::object binding) {
        Request request =
            request_for(std::move(source), std::move(name), total, spe, tps, set, binding);
        request.embedding = embedding_from(embedding);
        return main_schedule(compile_request(std::move(request)));
      },
      py::arg("source"), py::arg("source_name"), py::arg("embedding"), TEMPO_OPTION_ARGS,
      "Compiles a schedule taken out of a config file; embedding = (file, file_text, offsets), "
      "the file offset of each byte of the source and of its end.");
  m.def(
      "_error",
      [](std::string file, std::string text, std::uint32_t begin, std::uint32_t end,
         std::string message, std::string hint) {
        const auto source =
            std::make_shared<const tempo::SourceFile>(std::move(file), std::move(text));
        const bool whole = begin == tempo::SourceSpan::whole_file;
        raise_error({tempo::Diagnostic{
            whole ? tempo::SourceSpan::whole(source) : tempo::SourceSpan{source, begin, end},
            std::move(message), std::move(hint)}});
      },
      py::arg("file"), py::arg("text"), py::arg("begin"), py::arg("end"), py::arg("message"),
      py::arg("hint") = "",
      "Raises tempo.Error for bytes [begin, end) of a file (begin = 0xFFFFFFFF: the whole file), "
      "rendered as the CLI renders diagnostics.");
  m.def(
      "_rebuild",
      [](const py::tuple& state) {
        return main_schedule(compile_request(request_from_state(state)));
      },
      "Unpickles a Schedule by compiling its request again.");
}
