// The entry points of tempo/config.hpp: the format from the file name, reading the file, and
// what the three readers share (origins, key paths and the messages about keys).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "document.hpp"
#include "tempo/suggest.hpp"

namespace tempo::config {

std::optional<Format> format_of(std::string_view path) {
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return Format::yaml;
  if (path.ends_with(".toml")) return Format::toml;
  if (path.ends_with(".json")) return Format::json;
  return std::nullopt;
}

Diagnostic Document::error(std::size_t offset, std::string message, std::string hint) const {
  if (offset == std::string::npos) {
    return {SourceSpan::whole(file), std::move(message), std::move(hint)};
  }
  const auto at = static_cast<std::uint32_t>(std::min(offset, text().size()));
  return {SourceSpan{file, at, at + 1}, std::move(message), std::move(hint)};
}

Origin Document::origin_at(std::size_t offset) const {
  const std::string& t = text();
  Origin origin;
  origin.file = file->name();
  origin.file_text = t;
  std::size_t start = offset;
  const char c = offset < t.size() ? t[offset] : '\0';
  if (c == '"' || c == '\'') {
    origin.quoting = c == '"' ? Origin::Quoting::double_quoted : Origin::Quoting::single_quoted;
    const bool multi_line = t.compare(offset, 3, std::string(3, c)) == 0;
    start = offset + (multi_line ? 3 : 1);
    // A TOML multi-line string drops the line break right after its opening quotes.
    if (multi_line && t.compare(start, 1, "\n") == 0) start += 1;
    if (multi_line && t.compare(start, 2, "\r\n") == 0) start += 2;
  } else if (c == '|' || c == '>') {
    origin.quoting = c == '|' ? Origin::Quoting::literal_block : Origin::Quoting::folded_block;
    // The string starts on the line after the header (`|`, `>-`, `|2 # comment`).
    start = t.find('\n', offset);
    start = start == std::string::npos ? t.size() : start + 1;
    while (start < t.size() && (t[start] == ' ' || t[start] == '\t' || t[start] == '\n')) ++start;
  }
  const auto at = static_cast<std::uint32_t>(std::min(start, t.size()));
  origin.line = file->line_of(at);
  origin.column = file->column_of(at);
  return origin;
}

std::size_t Document::offset_of(std::size_t line, std::size_t character_column) const {
  const std::string& t = text();
  std::size_t at = 0;
  for (std::size_t l = 1; l < line && at != std::string::npos; ++l) {
    at = t.find('\n', at);
    if (at != std::string::npos) ++at;
  }
  if (at == std::string::npos) return t.size();
  // Step over character_column - 1 characters: a UTF-8 lead byte and its continuation bytes.
  for (std::size_t k = 1; k < character_column && at < t.size(); ++k) {
    ++at;
    while (at < t.size() && (static_cast<unsigned char>(t[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> out;
  std::stringstream parts(key);
  std::string part;
  while (std::getline(parts, part, '.')) out.push_back(part);
  if (key.empty() || key.back() == '.') out.push_back("");
  return out;
}

std::string key_prefix(const std::vector<std::string>& path, std::size_t depth) {
  std::string out;
  for (std::size_t i = 0; i <= depth && i < path.size(); ++i) out += (i ? "." : "") + path[i];
  return out;
}

Diagnostic missing_key(const Document& doc, std::size_t offset,
                       const std::vector<std::string>& path, std::size_t depth,
                       const std::vector<std::string>& available) {
  const std::string where =
      depth == 0 ? "at the top level" : "in `" + key_prefix(path, depth - 1) + "`";
  std::string hint = did_you_mean(path[depth], available);
  if (hint.empty() && !available.empty()) {
    hint = fmt::format("the keys {} are {}", where, fmt::join(available, ", "));
  }
  return doc.error(offset, fmt::format("no key `{}` {}", path[depth], where), hint);
}

Diagnostic not_a_schedule(const Document& doc, std::size_t offset, const std::string& key,
                          const std::string& what) {
  std::string hint = what == "a table"
                         ? fmt::format("give the key of a string in it, e.g. `{}.lr`", key)
                         : "a schedule is a string, e.g. \"warmup(2000) >> cosine()\"";
  return doc.error(offset, fmt::format("`{}` is {}, not a schedule", key, what), hint);
}

Diagnostic no_tempo_table(const Document& doc) {
  return doc.error(std::string::npos, "no top-level `tempo` table to take the schedules from",
                   "name the schedules with --key, e.g. --key optimizer.lr");
}

Result<std::vector<Entry>> read(std::string_view text, Format format, const std::string& name,
                                const std::vector<std::string>& keys) {
  const Document doc{std::make_shared<const SourceFile>(name, std::string(text))};
  switch (format) {
    case Format::yaml:
      return read_yaml(doc, keys);
    case Format::toml:
      return read_toml(doc, keys);
    case Format::json:
      return read_json(doc, keys);
  }
  return {};
}

Result<std::vector<Entry>> read_file(const std::string& path, const std::vector<std::string>& keys,
                                     std::optional<Format> format) {
  Result<std::vector<Entry>> result;
  if (!format) format = format_of(path);
  if (!format) {
    result.diagnostics.push_back(
        {{}, fmt::format("`{}` is not a .yaml, .yml, .toml or .json file", path), ""});
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.diagnostics.push_back({{}, fmt::format("cannot read `{}`", path), ""});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return read(text.str(), *format, path, keys);
}

Options options_for(const Entry& entry, Options base) {
  base.source_name = entry.origin.file + ": " + entry.key;
  base.origin = entry.origin;
  return base;
}

}  // namespace tempo::config
