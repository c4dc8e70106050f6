// TOML configs (torchtitan) through toml++, whose source regions say where each value is
// written (line, and column in characters) and where it ends.
#include <toml++/toml.h>

#include <algorithm>

#include "document.hpp"

namespace tempo::config {
namespace {

std::size_t begin_of(const Document& doc, const toml::node& node) {
  const auto& begin = node.source().begin;
  return begin.line == 0 ? std::string::npos : doc.offset_of(begin.line, begin.column);
}

bool take(const Document& doc, const toml::node& node, const std::string& key,
          Result<std::vector<Entry>>& result) {
  const std::size_t at = begin_of(doc, node);
  if (const auto* text = node.as_string()) {
    result.value->push_back({key, text->get(), doc.origin_at(at)});
    return true;
  }
  if (node.is_number()) {  // a constant schedule, as written: 3e-4, 1_000
    const auto& end = node.source().end;
    const std::size_t stop = doc.offset_of(end.line, end.column);
    result.value->push_back({key, doc.text().substr(at, stop - at), doc.origin_at(at)});
    return true;
  }
  const char* what = node.is_table()     ? "a table"
                     : node.is_array()   ? "a list"
                     : node.is_boolean() ? "a boolean"
                                         : "a date or time";
  result.diagnostics.push_back(not_a_schedule(doc, at, key, what));
  return false;
}

// Every string and number under `node`, in file order (toml++ keeps tables sorted by key).
void collect(const Document& doc, const toml::node& node, const std::string& key,
             std::vector<std::pair<std::string, const toml::node*>>& out) {
  if (const auto* table = node.as_table()) {
    for (const auto& [name, value] : *table) {
      collect(doc, value, key + "." + std::string(name.str()), out);
    }
  } else if (const auto* array = node.as_array()) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      collect(doc, *array->get(i), key + "." + std::to_string(i), out);
    }
  } else if (node.is_string() || node.is_number()) {
    out.emplace_back(key, &node);
  }
}

void find(const Document& doc, const toml::node& node, const std::vector<std::string>& path,
          std::size_t depth, const std::string& key, Result<std::vector<Entry>>& result) {
  if (depth == path.size()) {
    take(doc, node, key, result);
    return;
  }
  const std::string& name = path[depth];
  std::vector<std::string> available;
  if (const auto* table = node.as_table()) {
    if (const auto* next = table->get(name)) return find(doc, *next, path, depth + 1, key, result);
    for (const auto& item : *table) available.emplace_back(item.first.str());
  } else if (const auto* array = node.as_array()) {
    const bool index = !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
    if (index && std::stoul(name) < array->size()) {
      return find(doc, *array->get(std::stoul(name)), path, depth + 1, key, result);
    }
  }
  const std::size_t at = depth == 0 ? std::string::npos : begin_of(doc, node);
  result.diagnostics.push_back(missing_key(doc, at, path, depth, available));
}

}  // namespace

Result<std::vector<Entry>> read_toml(const Document& doc, const std::vector<std::string>& keys) {
  Result<std::vector<Entry>> result;
  toml::table root;
  try {
    root = toml::parse(doc.text(), std::string_view(doc.file->name()));
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    result.diagnostics.push_back(
        doc.error(doc.offset_of(begin.line, begin.column),
                  "this is not valid TOML: " + std::string(e.description())));
    return result;
  }
  result.value.emplace();
  if (keys.empty()) {
    const auto* table = root.get_as<toml::table>("tempo");
    if (!table) {
      result.diagnostics.push_back(no_tempo_table(doc));
    } else {
      std::vector<std::pair<std::string, const toml::node*>> found;
      collect(doc, *table, "tempo", found);
      std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
        return begin_of(doc, *a.second) < begin_of(doc, *b.second);
      });
      for (const auto& [key, node] : found) take(doc, *node, key, result);
    }
  }
  for (const auto& key : keys) find(doc, root, split_key(key), 0, key, result);
  if (!result.diagnostics.empty()) result.value.reset();
  return result;
}

}  // namespace tempo::config
