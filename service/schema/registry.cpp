#include "schema/registry.hpp"

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "common/json.hpp"
#include "common/log.hpp"

namespace sopan::schema {
namespace fs = std::filesystem;

struct Registry::Impl {
  std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> schemas;
};

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
    auto schema = std::make_unique<valijson::Schema>();
    try {
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::BoostJsonAdapter adapter(*doc);
      parser.populateSchema(adapter, *schema);
    } catch (const std::exception& e) {
      return make_error(Errc::kInternal, "Skema " + file + " tidak dapat dimuat: " + e.what());
    }
    impl->schemas.emplace(file.substr(0, file.size() - kSuffix.size()), std::move(schema));
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

std::string translate_message(const std::string& d, std::string& pointer) {
  static const std::regex kQuoted("'([^']*)'");
  static const std::regex kNumber("(-?[0-9]+(\\.[0-9]+)?)");
  // The property a message names is its last quoted word ('properties' may come first).
  auto quoted = [&] {
    std::string last;
    for (std::sregex_iterator it(d.begin(), d.end(), kQuoted), end; it != end; ++it)
      last = (*it)[1].str();
    return last;
  };
  auto number = [&] {
    std::smatch m;
    return std::regex_search(d, m, kNumber) ? m[1].str() : std::string();
  };
  if (d.starts_with("Missing required property")) {
    pointer += "/" + json_util::escape_pointer_token(quoted());
    return "Wajib diisi";
  }
  if (d.starts_with("Object contains a property")) {
    pointer += "/" + json_util::escape_pointer_token(quoted());
    return "Isian ini tidak dikenal";
  }
  if (d.starts_with("Value type not permitted")) return "Jenis nilai tidak sesuai";
  if (d.starts_with("String should be no fewer than"))
    return "Teks terlalu pendek (minimal " + number() + " karakter)";
  if (d.starts_with("String should be no more than"))
    return "Teks terlalu panjang (maksimal " + number() + " karakter)";
  if (d.starts_with("String should be a valid date-time"))
    return "Harus berupa waktu (YYYY-MM-DDTHH:MM:SSZ)";
  if (d.starts_with("String should be a valid date")) return "Harus berupa tanggal (YYYY-MM-DD)";
  if (d.starts_with("Failed to match against any enum")) return "Nilai tidak termasuk pilihan";
  if (d.starts_with("Failed to match regex")) return "Format tidak sesuai";
  if (d.starts_with("Array should contain no fewer than"))
    return "Jumlah butir terlalu sedikit (minimal " + number() + ")";
  if (d.starts_with("Array should contain no more than"))
    return "Jumlah butir terlalu banyak (maksimal " + number() + ")";
  if (d.starts_with("Expected number greater than or equal to")) return "Angka minimal " + number();
  if (d.starts_with("Expected number less than or equal to")) return "Angka maksimal " + number();
  if (d.starts_with("Expected number greater than")) return "Angka harus lebih dari " + number();
  if (d.starts_with("Expected number less than")) return "Angka harus kurang dari " + number();
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
