#include "http/request.hpp"

#include "http/error_response.hpp"
#include "http/metrics.hpp"
#include "http/target.hpp"

namespace sopan::http {

void apply_limits(RequestParser& parser, const ServerConfig& config) {
  parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
  parser.body_limit(config.body_limit);
}

api::Request to_api_request(const RequestMessage& msg, std::string_view peer,
                            const TrustedProxies& trusted) {
  api::Request req;
  req.method = std::string(msg.method_string());
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (char& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    auto [it, inserted] = req.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  req.body = msg.body();
  req.remote = client_address(peer, req.header("x-forwarded-for"), trusted);
  return req;
}

std::optional<Refusal> admit(const RequestMessage& msg, api::Request& req) {
  if (!is_known_method(req.method))
    return Refusal{error_response(501, "not_implemented", "Metode HTTP ini tidak dikenal server"),
                   "not_implemented"};
  auto target = parse_target(msg.target());
  if (!target)
    return Refusal{error_response(make_error(Errc::kInvalidArgument, "Alamat tidak valid")),
                   "bad_target"};
  for (const auto& [name, value] : req.headers)
    if (!is_clean_header_value(value))
      return Refusal{
          error_response(field_error(Errc::kInvalidArgument, "Header permintaan tidak valid",
                                     "/headers/" + name,
                                     "Nilai header harus teks UTF-8 tanpa karakter kendali")),
          "bad_header"};
  req.raw_path = std::string(msg.target().substr(0, msg.target().find('?')));
  req.path = std::move(target->path);
  req.query = std::move(target->query);
  return std::nullopt;
}

}  // namespace sopan::http
