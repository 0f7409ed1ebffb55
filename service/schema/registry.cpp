#include "schema/registry.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "common/json.hpp"
#include "common/log.hpp"
#include "common/text.hpp"

namespace sopan::schema {
namespace fs = std::filesystem;

struct Registry::Impl {
  std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> schemas;
  // The schema documents themselves, for the length checks that run before valijson.
  std::map<std::string, boost::json::value, std::less<>> documents;
};

namespace {
namespace json = boost::json;

// valijson runs `pattern` (and `format`) with std::regex, whose matcher recurses once per
// character: a long enough string overflows the stack. So no string reaches a pattern unless
// its length has been checked first, here, by code that counts without recursing.
constexpr std::uint64_t kPatternDefaultChars = 256;  // a pattern with no maxLength
constexpr std::uint64_t kPatternMaxChars = 4096;     // the largest maxLength beside a pattern

/// Keywords whose subschemas the length check does not follow: a schema using one fails to load
/// rather than letting a string reach a pattern unchecked.
constexpr std::string_view kUnsupported[] = {"allOf",
                                             "anyOf",
                                             "oneOf",
                                             "not",
                                             "if",
                                             "then",
                                             "else",
                                             "patternProperties",
                                             "propertyNames",
                                             "contains",
                                             "dependencies",
                                             "additionalItems",
                                             "dependentSchemas",
                                             "unevaluatedProperties",
                                             "unevaluatedItems"};

const json::value* resolve(const json::value& root, const json::value* node) {
  for (int hops = 0; hops < 8 && node && node->is_object(); ++hops) {
    const auto* ref = node->get_object().if_contains("$ref");
    if (!ref || !ref->is_string()) return node;
    std::string_view target = ref->get_string();
    if (!target.starts_with("#")) return nullptr;
    boost::system::error_code ec;
    node = root.find_pointer(target.substr(1), ec);
  }
  return node && node->is_object() && !node->get_object().contains("$ref") ? node : nullptr;
}

std::optional<std::uint64_t> unsigned_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_uint64()) return v->get_uint64();
  if (v->is_int64() && v->get_int64() >= 0) return static_cast<std::uint64_t>(v->get_int64());
  if (v->is_double() && v->get_double() >= 0) return static_cast<std::uint64_t>(v->get_double());
  return std::nullopt;
}

/// The most characters a string may have at this schema node before valijson sees it.
std::optional<std::uint64_t> char_limit(const json::object& node) {
  auto max = unsigned_member(node, "maxLength");
  if (node.contains("pattern") || node.contains("format"))
    return std::min(max.value_or(kPatternDefaultChars), kPatternMaxChars);
  return max;
}

/// Load-time: every subschema is one the length check can follow.
Status check_schema(const json::value& root, const json::value& node, std::string& where) {
  const auto* o = node.if_object();
  if (!o) return {};
  for (auto key : kUnsupported)
    if (o->contains(key))
      return make_error(Errc::kInternal, "kata kunci " + std::string(key) + " di " + where +
                                             " belum didukung pemeriksaan panjang teks");
  if (o->contains("$ref") && !resolve(root, &node))
    return make_error(Errc::kInternal, "$ref di " + where + " tidak dapat diikuti");
  if (auto max = unsigned_member(*o, "maxLength");
      max && *max > kPatternMaxChars && (o->contains("pattern") || o->contains("format")))
    return make_error(Errc::kInternal, "pattern di " + where + " dengan maxLength di atas " +
                                           std::to_string(kPatternMaxChars));
  auto visit = [&](const json::value& child, std::string_view step) -> Status {
    const std::size_t size = where.size();
    where += "/";
    where += step;
    auto s = check_schema(root, child, where);
    where.resize(size);
    return s;
  };
  for (std::string_view group : {"properties", "definitions", "$defs"})
    if (const auto* g = o->if_contains(group); g && g->is_object())
      for (const auto& kv : g->get_object())
        if (auto s = visit(kv.value(), std::string(group) + "/" + std::string(kv.key())); !s)
          return s;
  if (const auto* items = o->if_contains("items")) {
    if (items->is_array()) {
      for (const auto& item : items->get_array())
        if (auto s = visit(item, "items"); !s) return s;
    } else if (auto s = visit(*items, "items"); !s) {
      return s;
    }
  }
  if (const auto* extra = o->if_contains("additionalProperties"))
    if (auto s = visit(*extra, "additionalProperties"); !s) return s;
  return {};
}

/// Validate-time: lengths in bytes and characters, before any pattern runs. Recurses along
/// the document, whose depth json_util::parse has capped.
void check_lengths(const json::value& root, const json::value* schema, const json::value& doc,
                   std::string& pointer, Problems& problems, std::size_t depth) {
  schema = resolve(root, schema);
  if (!schema || depth > json_util::kMaxDepth) return;
  const auto& node = schema->get_object();
  if (const auto* s = doc.if_string()) {
    std::string_view text = *s;
    if (text.find('\0') != std::string_view::npos) {
      problems.add(pointer, "Teks memuat karakter NUL");
      return;
    }
    // Our keyword: names, titles, numbers and labels are one line (a line break in a title would
    // break every list, log line and print header that shows it).
    if (const auto* one = node.if_contains("x-single-line");
        one && one->is_bool() && one->get_bool() &&
        text.find_first_of("\n\t") != std::string_view::npos) {
      problems.add(pointer, "Harus satu baris (tanpa ganti baris atau tab)");
      return;
    }
    auto limit = char_limit(node);
    // Bytes first: a string of more than 4 bytes a character is too long without counting.
    if (limit && (text.size() > 4 * *limit || text::utf8_length(text) > *limit))
      problems.add(pointer,
                   "Teks terlalu panjang (maksimal " + std::to_string(*limit) + " karakter)");
    return;
  }
  auto descend = [&](const json::value* child_schema, const json::value& child,
                     std::string_view token) {
    if (!child_schema) return;
    const std::size_t size = pointer.size();
    pointer += "/";
    pointer += token;
    check_lengths(root, child_schema, child, pointer, problems, depth + 1);
    pointer.resize(size);
  };
  if (const auto* o = doc.if_object()) {
    const auto* props = node.if_contains("properties");
    const auto* extra = node.if_contains("additionalProperties");
    for (const auto& kv : *o) {
      const json::value* child = nullptr;
      if (props && props->is_object()) child = props->get_object().if_contains(kv.key());
      if (!child && extra && extra->is_object()) child = extra;
      descend(child, kv.value(), json_util::escape_pointer_token(kv.key()));
    }
  } else if (const auto* a = doc.if_array()) {
    const auto* items = node.if_contains("items");
    if (!items) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const json::value* child = items;
      if (items->is_array())
        child = i < items->get_array().size() ? &items->get_array()[i] : nullptr;
      descend(child, (*a)[i], std::to_string(i));
    }
  }
}
}  // namespace

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::~Registry() = default;

Result<std::unique_ptr<Registry>> Registry::load(const fs::path& dir) {
  auto impl = std::make_unique<Impl>();
  std::error_code ec;
  constexpr std::string_view kSuffix = ".schema.json";
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string file = entry.path().filename().string();
    if (!file.ends_with(kSuffix)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto doc = json_util::parse(text.str());
    if (!doc) return make_error(Errc::kInternal, "Skema tidak valid: " + entry.path().string());
    std::string where = file;
    if (auto s = check_schema(*doc, *doc, where); !s)
      return make_error(Errc::kInternal,
                        "Skema " + file + " tidak dapat dimuat: " + s.error().message);
    auto schema = std::make_unique<valijson::Schema>();
    try {
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::BoostJsonAdapter adapter(*doc);
      parser.populateSchema(adapter, *schema);
    } catch (const std::exception& e) {
      return make_error(Errc::kInternal, "Skema " + file + " tidak dapat dimuat: " + e.what());
    }
    std::string name = file.substr(0, file.size() - kSuffix.size());
    impl->schemas.emplace(name, std::move(schema));
    impl->documents.emplace(std::move(name), std::move(*doc));
  }
  if (ec) return make_error(Errc::kInternal, "Direktori skema tidak terbaca: " + dir.string());
  if (impl->schemas.empty())
    return make_error(Errc::kInternal, "Tidak ada skema di " + dir.string());
  return std::unique_ptr<Registry>(new Registry(std::move(impl)));
}

bool Registry::has(std::string_view name) const { return impl_->schemas.count(name) > 0; }

namespace {
/// valijson context: "<root>", then "[name]" for properties and "[3]" for items.
std::string pointer_of(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string_view token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']')
      token = token.substr(1, token.size() - 2);
    out += "/" + json_util::escape_pointer_token(token);
  }
  return out;
}

/// Messages that only repeat a child's failure one level up.
bool is_wrapper(const std::string& d) {
  return d.starts_with("Failed to validate item #") ||
         d.starts_with("Failed to validate against schema associated with property name") ||
         d.starts_with("Failed to validate against child schema") ||
         d.starts_with("Cannot validate item #") ||
         d.starts_with("Failed to validate against additional properties schema");
}
}  // namespace

namespace {
/// `d` after `prefix` up to a closing "'." (the name valijson quotes may itself hold quotes).
std::string quoted_after(std::string_view d, std::string_view prefix) {
  std::string_view rest = d.substr(prefix.size());
  if (rest.ends_with("'.")) rest.remove_suffix(2);
  return std::string(rest);
}

/// The number that follows `prefix` in `d` ("5", "50", "-1.5"), without a trailing ".000000".
std::string number_after(std::string_view d, std::string_view prefix) {
  std::string_view rest = d.substr(prefix.size());
  std::size_t n = 0;
  if (n < rest.size() && rest[n] == '-') ++n;
  while (n < rest.size() && ((rest[n] >= '0' && rest[n] <= '9') || rest[n] == '.')) ++n;
  std::string out(rest.substr(0, n));
  if (out.find('.') != std::string::npos) {
    while (out.ends_with('0')) out.pop_back();
    if (out.ends_with('.')) out.pop_back();
  }
  return out;
}
}  // namespace

std::string translate_message(const std::string& d, std::string& pointer) {
  // Plain prefix comparisons and one forward scan: the text can hold a member name of the
  // request, so nothing here may cost more than linear time or recurse.
  constexpr std::string_view kMissing = "Missing required property '";
  constexpr std::string_view kUnknown =
      "Object contains a property that could not be validated using 'properties' or "
      "'additionalProperties' constraints: '";
  struct Numbered {
    std::string_view prefix;
    std::string_view before, after;
  };
  static constexpr Numbered kNumbered[] = {
      {"String should be no fewer than ", "Teks terlalu pendek (minimal ", " karakter)"},
      {"String should be no more than ", "Teks terlalu panjang (maksimal ", " karakter)"},
      {"Array should contain no fewer than ", "Jumlah butir terlalu sedikit (minimal ", ")"},
      {"Array should contain no more than ", "Jumlah butir terlalu banyak (maksimal ", ")"},
      {"Expected number greater than or equal to ", "Angka minimal ", ""},
      {"Expected number less than or equal to ", "Angka maksimal ", ""},
      {"Expected number greater than ", "Angka harus lebih dari ", ""},
      {"Expected number less than ", "Angka harus kurang dari ", ""},
  };
  if (d.starts_with(kMissing)) {
    pointer += "/" + json_util::escape_pointer_token(quoted_after(d, kMissing));
    return "Wajib diisi";
  }
  if (d.starts_with(kUnknown)) {
    pointer += "/" + json_util::escape_pointer_token(quoted_after(d, kUnknown));
    return "Isian ini tidak dikenal";
  }
  for (const auto& n : kNumbered)
    if (d.starts_with(n.prefix))
      return std::string(n.before) + number_after(d, n.prefix) + std::string(n.after);
  if (d.starts_with("Value type not permitted")) return "Jenis nilai tidak sesuai";
  if (d.starts_with("String should be a valid date-time"))
    return "Harus berupa waktu (YYYY-MM-DDTHH:MM:SSZ)";
  if (d.starts_with("String should be a valid date")) return "Harus berupa tanggal (YYYY-MM-DD)";
  if (d.starts_with("Failed to match against any enum")) return "Nilai tidak termasuk pilihan";
  if (d.starts_with("Failed to match regex")) return "Format tidak sesuai";
  if (d.starts_with("Elements at indexes")) return "Butir tidak boleh berulang";
  if (d.starts_with("Failed to match expected value")) return "Nilai tidak sesuai";
  return "Nilai tidak sesuai skema";
}

Status Registry::validate(std::string_view name, const boost::json::value& doc,
                          std::string_view pointer_prefix) const {
  auto it = impl_->schemas.find(name);
  if (it == impl_->schemas.end()) {
    log::error("schema.unknown", {{"name", name}});
    return make_error(Errc::kInternal, "Skema tidak dikenal");
  }
  {
    const auto& root = impl_->documents.find(name)->second;
    Problems problems;
    std::string pointer(pointer_prefix);
    check_lengths(root, &root, doc, pointer, problems, 0);
    if (!problems.empty()) return problems.to_error("Isian tidak memenuhi ketentuan");
  }
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::BoostJsonAdapter adapter(doc);
  if (validator.validate(*it->second, adapter, &results)) return {};

  boost::json::array details;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& e : results) {
    if (is_wrapper(e.description)) continue;
    std::string pointer = std::string(pointer_prefix) + pointer_of(e.context);
    std::string message = translate_message(e.description, pointer);
    if (!seen.emplace(pointer, message).second) continue;
    details.push_back(boost::json::object{{"path", pointer}, {"message", message}});
  }
  Error err = make_error(Errc::kValidation, "Isian tidak memenuhi ketentuan");
  err.details = std::move(details);
  return err;
}

}  // namespace sopan::schema
