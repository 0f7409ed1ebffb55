#include "api/types.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>

#include "common/json.hpp"

namespace sopan::api {

std::string_view Request::header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view Request::param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return std::string_view(it->second);
}

Response Response::json(const boost::json::value& v, int status) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(v);
  return r;
}

Reply continue_on_pool(std::function<Reply()> rest) {
  Response r;
  r.continue_on_pool = std::move(rest);
  return r;
}

Result<boost::json::value> json_body(const Request& req) {
  std::string_view type = req.header("content-type");
  if (!type.starts_with("application/json"))
    return field_error(Errc::kUnsupportedMediaType, "Isi permintaan harus berupa JSON",
                       "/headers/Content-Type", "Gunakan Content-Type: application/json");
  return json_util::parse_request(req.body);
}

Result<std::size_t> limit_param(const Request& req, std::size_t fallback, std::size_t max) {
  auto text = req.query_param("limit");
  if (!text) return fallback;
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < 1 || n > max)
    return field_error(Errc::kInvalidArgument, "Parameter limit tidak valid", "/query/limit",
                       "Harus bilangan 1 sampai " + std::to_string(max));
  return n;
}

Status only_query_params(const Request& req, std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, value] : req.query) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == name;
    if (!ok)
      return field_error(Errc::kInvalidArgument, "Parameter tidak dikenal",
                         "/query/" + json_util::escape_pointer_token(name),
                         "Parameter '" + name + "' tidak didukung di alamat ini");
  }
  return {};
}

std::string media_type(const Request& req) {
  std::string_view type = req.header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string out(type);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace sopan::api
