// The public compile functions over a compiled Program (program.cpp makes it): the schedule a
// host gets by default, files read from disk or through Options::read_file, and the exceptions
// of the throwing forms.
#include "tempo/compile.hpp"

#include <fmt/format.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "program_access.hpp"
#include "read_file.hpp"

namespace tempo {

CompileError::CompileError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(render(diagnostics)), diagnostics_(std::move(diagnostics)) {}

const Schedule* Program::find(std::string_view name) const {
  if (!contents_) return nullptr;
  const auto it = contents_->schedules.find(name);
  return it == contents_->schedules.end() ? nullptr : &it->second;
}

const Schedule& Program::main() const {
  const Schedule* schedule = find(main_name());
  if (!schedule) throw std::out_of_range("the program has no default schedule");
  return *schedule;
}

const std::string& Program::main_name() const noexcept {
  static const std::string none;
  return contents_ ? contents_->main : none;
}

bool Program::has_main() const noexcept {
  return find(main_name()) != nullptr;
}

std::vector<std::string> Program::names() const {
  std::vector<std::string> out;
  if (contents_) {
    for (const auto& [name, schedule] : contents_->schedules) out.push_back(name);
  }
  return out;
}

namespace {

// The default schedule of a compiled program, or its diagnostics.
Result<Schedule> main_of(Result<Program> program) {
  Result<Schedule> result;
  result.diagnostics = std::move(program.diagnostics);
  result.warnings = std::move(program.warnings);
  if (program.value) result.value = program.value->main();
  return result;
}

std::optional<std::string> read_source(const std::string& path, const Options& options) {
  return options.read_file ? options.read_file(path) : read_file(path);
}

Result<Program> unreadable(const std::string& path) {
  Result<Program> result;
  result.diagnostics.push_back({{}, fmt::format("cannot read `{}`", path), ""});
  return result;
}

}  // namespace

Result<Schedule> try_compile(std::string_view source, const Options& options) {
  return main_of(try_compile_program(source, options));
}

// The throwing forms drop the warnings, so they compile without the warnings pass.
Schedule compile(std::string_view source, const Options& options) {
  auto result = main_of(detail::compile_program(source, options, false));
  if (!result.value) throw CompileError(std::move(result.diagnostics));
  return std::move(*result.value);
}

Result<Program> try_compile_file(const std::string& path, Options options) {
  const auto text = read_source(path, options);
  if (!text) return unreadable(path);
  options.source_name = path;
  return try_compile_program(*text, options);
}

Schedule compile_file(const std::string& path, Options options) {
  const auto text = read_source(path, options);
  options.source_name = path;
  auto program = text ? detail::compile_program(*text, options, false) : unreadable(path);
  if (!program.value) throw CompileError(std::move(program.diagnostics));
  return program.value->main();
}

}  // namespace tempo
