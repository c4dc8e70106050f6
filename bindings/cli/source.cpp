#include "source.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "colour.hpp"
#include "tempo/lua.hpp"

namespace tempo::cli {

std::optional<std::string> read_text(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  text << in.rdbuf();
  return text.str();
}

std::optional<Source> read_source(const std::string& path, std::ostream& err) {
  auto text = read_text(path);
  if (!text) {
    fmt::print(err, "error: cannot read `{}`\n", path);
    return std::nullopt;
  }
  return Source{std::move(*text), path == "-" ? "<stdin>" : path};
}

std::optional<Source> one_source(const Args& a, std::ostream& err) {
  if (a.expression && !a.files.empty()) throw UsageError{"give a FILE or -e EXPR, not both"};
  if (a.expressions.size() > 1) throw UsageError{"-e is given twice"};
  if (a.expression) return Source{*a.expression, "<expr>"};
  if (a.files.size() != 1) throw UsageError{"give one FILE or -e EXPR"};
  return read_source(a.files[0], err);
}

Result<Program> try_compile(const Source& source, Options options, bool every_binding) {
  options.source_name = source.name;
  options.import = lua::import_file;  // import "shapes.lua"
  options.require_main = !every_binding;
  return try_compile_program(source.text, options);
}

std::optional<Program> compile(const Source& source, Options options, std::ostream& err,
                               bool every_binding) {
  auto result = try_compile(source, std::move(options), every_binding);
  if (!result.value) {
    print_diagnostics(err, result.diagnostics);
    return std::nullopt;
  }
  return std::move(result.value);
}

Result<Program> try_compile_named(const Source& source, const Args& args, bool every_binding) {
  auto result = try_compile(source, args.options, every_binding);
  if (!result.value) return result;
  for (const auto& name : args.names) {
    if (result.value->find(name)) continue;
    Options options = args.options;
    options.name = name;  // the compiler says what is wrong with the name, with a hint
    auto named = try_compile(source, options, every_binding);
    if (!named.value) return named;
  }
  return result;
}

std::optional<Program> compile_named(const Source& source, const Args& args, std::ostream& err) {
  auto result = try_compile_named(source, args);
  if (!result.value) {
    print_diagnostics(err, result.diagnostics);
    return std::nullopt;
  }
  return std::move(result.value);
}

std::vector<Named> chosen(const Program& program, const Args& args) {
  std::vector<Named> out;
  for (const auto& name : args.names) out.push_back({name, program.find(name)});
  if (out.empty()) out.push_back({program.main_name(), &program.main()});
  return out;
}

}  // namespace tempo::cli
