// YAML configs (Hydra, OmegaConf) through yaml-cpp, whose Node::Mark() gives the byte offset
// where each value is written: its quote, its `|` or `>`, or its first character.
#include <yaml-cpp/yaml.h>

#include "document.hpp"

namespace tempo::config {
namespace {

std::size_t offset_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() || mark.pos < 0 ? std::string::npos : static_cast<std::size_t>(mark.pos);
}

std::vector<std::string> keys_of(const YAML::Node& map) {
  std::vector<std::string> out;
  for (const auto& item : map) out.push_back(item.first.Scalar());
  return out;
}

// The value at `key` as an entry, or the diagnostic that says why there is none.
bool take(const Document& doc, const YAML::Node& node, const std::string& key,
          Result<std::vector<Entry>>& result) {
  const std::size_t at = offset_of(node);
  if (node.IsScalar()) {
    result.value->push_back({key, node.Scalar(), doc.origin_at(at)});
    return true;
  }
  const char* what = node.IsMap() ? "a table" : node.IsSequence() ? "a list" : "empty";
  result.diagnostics.push_back(not_a_schedule(doc, at, key, what));
  return false;
}

// Every scalar under `node`, depth first in file order.
void collect(const Document& doc, const YAML::Node& node, const std::string& key,
             Result<std::vector<Entry>>& result) {
  if (node.IsMap()) {
    for (const auto& item : node)
      collect(doc, item.second, key + "." + item.first.Scalar(), result);
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      collect(doc, node[i], key + "." + std::to_string(i), result);
    }
  } else if (node.IsScalar()) {
    take(doc, node, key, result);
  }
}

// Follows the path from `node` at component `depth`; takes the value at its end. `named_at` is
// where the key that leads to `node` is written (npos for the document itself).
void find(const Document& doc, const YAML::Node& node, std::size_t named_at,
          const std::vector<std::string>& path, std::size_t depth, const std::string& key,
          Result<std::vector<Entry>>& result) {
  if (depth == path.size()) {
    if (!node.IsScalar() && named_at != std::string::npos) {
      const char* what = node.IsMap() ? "a table" : node.IsSequence() ? "a list" : "empty";
      result.diagnostics.push_back(not_a_schedule(doc, named_at, key, what));
      return;
    }
    take(doc, node, key, result);
    return;
  }
  const std::string& name = path[depth];
  if (node.IsMap()) {
    for (const auto& item : node) {
      if (item.first.Scalar() == name) {
        return find(doc, item.second, offset_of(item.first), path, depth + 1, key, result);
      }
    }
  }
  const bool index = !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
  if (node.IsSequence() && index && std::stoul(name) < node.size()) {
    const YAML::Node item = node[std::stoul(name)];
    return find(doc, item, offset_of(item), path, depth + 1, key, result);
  }
  result.diagnostics.push_back(missing_key(
      doc, named_at, path, depth, node.IsMap() ? keys_of(node) : std::vector<std::string>{}));
}

}  // namespace

Result<std::vector<Entry>> read_yaml(const Document& doc, const std::vector<std::string>& keys) {
  Result<std::vector<Entry>> result;
  YAML::Node loaded;
  try {
    loaded = YAML::Load(doc.text());
  } catch (const YAML::ParserException& e) {
    const std::size_t at =
        e.mark.pos < 0 ? std::string::npos : static_cast<std::size_t>(e.mark.pos);
    result.diagnostics.push_back(doc.error(at, "this is not valid YAML: " + e.msg));
    return result;
  }
  // Nodes are handles into the document: through const ones, a look-up never adds a key.
  const YAML::Node root = loaded;
  result.value.emplace();
  if (keys.empty()) {
    const YAML::Node table = root.IsMap() ? root["tempo"] : YAML::Node();
    if (!table.IsDefined() || !table.IsMap()) {
      result.diagnostics.push_back(no_tempo_table(doc));
    } else {
      collect(doc, table, "tempo", result);
    }
  }
  for (const auto& key : keys) find(doc, root, std::string::npos, split_key(key), 0, key, result);
  if (!result.diagnostics.empty()) result.value.reset();
  return result;
}

}  // namespace tempo::config
