// JSON configs (DeepSpeed) through simdjson On Demand: one pass over the whole document checks
// it and records, for every value, where its token starts in the text (raw_json_token points
// into the parsed buffer), giving a small tree of keys, texts and offsets.
#include <simdjson.h>

#include "document.hpp"

namespace tempo::config {
namespace {

namespace od = simdjson::ondemand;

// A field of an object or an item of an array (named by its index). Declared before Value and
// defined after it: a vector of an incomplete type is allowed, a std::pair of one is not (clang
// with libstdc++ refuses `std::vector<std::pair<std::string, Value>>` inside Value).
struct Child;
struct Value {
  od::json_type type = od::json_type::null;
  std::size_t offset = 0;
  std::string text;             // a string's value, a number as written
  std::vector<Child> children;  // an object's fields, an array's items
};
struct Child {
  std::string name;
  Value value;
};

// Reads one value and everything in it; returns the first error of the document.
simdjson::error_code read_value(od::value v, const char* base, Value& out) {
  const std::string_view raw = v.raw_json_token();
  out.offset = static_cast<std::size_t>(raw.data() - base);
  if (auto e = v.type().get(out.type)) return e;
  switch (out.type) {
    case od::json_type::object: {
      od::object object;
      if (auto e = v.get_object().get(object)) return e;
      for (auto field : object) {
        if (field.error()) return field.error();
        std::string_view key;
        if (auto e = field.value_unsafe().unescaped_key().get(key)) return e;
        out.children.push_back({std::string(key), Value{}});
        if (auto e = read_value(field.value_unsafe().value(), base, out.children.back().value)) {
          return e;
        }
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::array: {
      od::array array;
      if (auto e = v.get_array().get(array)) return e;
      for (auto item : array) {
        if (item.error()) return item.error();
        out.children.push_back({std::to_string(out.children.size()), Value{}});
        if (auto e = read_value(item.value_unsafe(), base, out.children.back().value)) return e;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::string: {
      std::string_view text;
      if (auto e = v.get_string().get(text)) return e;
      out.text = text;
      return simdjson::SUCCESS;
    }
    case od::json_type::number: {
      double number;
      if (auto e = v.get_double().get(number)) return e;
      out.text = raw.substr(0, raw.find_last_not_of(" \t\r\n") + 1);
      return simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      bool b;
      return v.get_bool().get(b);
    }
    case od::json_type::null:
      return v.is_null().error();
  }
  return simdjson::SUCCESS;
}

const char* describe(od::json_type type) {
  return type == od::json_type::object  ? "a table"
         : type == od::json_type::array ? "a list"
         : type == od::json_type::null  ? "null"
                                        : "a boolean";
}

void take(const Document& doc, const Value& v, const std::string& key,
          Result<std::vector<Entry>>& result) {
  if (v.type == od::json_type::string || v.type == od::json_type::number) {
    result.value->push_back({key, v.text, doc.origin_at(v.offset)});
  } else {
    result.diagnostics.push_back(not_a_schedule(doc, v.offset, key, describe(v.type)));
  }
}

void collect(const Document& doc, const Value& v, const std::string& key,
             Result<std::vector<Entry>>& result) {
  if (v.type == od::json_type::object || v.type == od::json_type::array) {
    for (const auto& [name, child] : v.children) collect(doc, child, key + "." + name, result);
  } else if (v.type == od::json_type::string || v.type == od::json_type::number) {
    take(doc, v, key, result);
  }
}

}  // namespace

Result<std::vector<Entry>> read_json(const Document& doc, const std::vector<std::string>& keys) {
  Result<std::vector<Entry>> result;
  const simdjson::padded_string json(doc.text());
  od::parser parser;
  od::document document;
  Value root;
  simdjson::error_code error = parser.iterate(json).get(document);
  od::value top;
  if (!error) error = document.get_value().get(top);
  if (!error) error = read_value(top, json.data(), root);
  if (error) {
    const char* at = nullptr;
    const std::size_t offset = document.current_location().get(at) == simdjson::SUCCESS
                                   ? static_cast<std::size_t>(at - json.data())
                                   : doc.text().size();
    result.diagnostics.push_back(
        doc.error(offset, std::string("this is not valid JSON: ") + simdjson::error_message(error),
                  "look for a missing comma, quote or brace just before this point"));
    return result;
  }
  result.value.emplace();
  if (keys.empty()) {
    const Value* table = nullptr;
    for (const auto& [name, child] : root.children) {
      if (root.type == od::json_type::object && name == "tempo") table = &child;
    }
    if (!table || table->type != od::json_type::object) {
      result.diagnostics.push_back(no_tempo_table(doc));
    } else {
      collect(doc, *table, "tempo", result);
    }
  }
  for (const auto& key : keys) {
    const auto path = split_key(key);
    const Value* v = &root;
    for (std::size_t depth = 0; v && depth < path.size(); ++depth) {
      const Value* next = nullptr;
      std::vector<std::string> available;
      for (const auto& [name, child] : v->children) {
        if (name == path[depth]) next = &child;
        if (v->type == od::json_type::object) available.push_back(name);
      }
      if (!next) {
        const std::size_t at = depth == 0 ? std::string::npos : v->offset;
        result.diagnostics.push_back(missing_key(doc, at, path, depth, available));
      }
      v = next;
    }
    if (v) take(doc, *v, key, result);
  }
  if (!result.diagnostics.empty()) result.value.reset();
  return result;
}

}  // namespace tempo::config
