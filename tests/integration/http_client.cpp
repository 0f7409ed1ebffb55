#include "http_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace sopan::testing {
namespace net = boost::asio;
namespace bhttp = boost::beast::http;

struct HttpClient::Impl {
  net::io_context ioc;
  net::ip::tcp::socket socket{ioc};
  boost::beast::flat_buffer buffer;
};

HttpClient::HttpClient(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect({net::ip::make_address("127.0.0.1"), port});
}

HttpClient::~HttpClient() = default;

HttpReply HttpClient::login(const std::string& username, const std::string& password) {
  forget_session();
  boost::json::object body{{"username", username}, {"password", password}};
  HttpReply r = request("POST", "/api/v1/session", boost::json::serialize(body));
  if (r.status != 200) return r;
  std::string set_cookie = r.header("set-cookie");
  cookie_ = set_cookie.substr(0, set_cookie.find(';'));
  csrf_ = std::string(boost::json::parse(r.body).at("csrf_token").as_string());
  return r;
}

void HttpClient::forget_session() {
  cookie_.clear();
  csrf_.clear();
}

HttpReply HttpClient::request(const std::string& method, const std::string& target,
                              const std::string& body, std::map<std::string, std::string> headers) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!cookie_.empty() && !headers.count("Cookie")) req.set(bhttp::field::cookie, cookie_);
  if (!csrf_.empty() && method != "GET" && !headers.count("X-CSRF-Token"))
    req.set("X-CSRF-Token", csrf_);
  for (auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() && !headers.count("Content-Type"))
    req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  boost::system::error_code ec;
  bhttp::write(impl_->socket, req, ec);
  return read_reply();
}

void HttpClient::send_raw(const std::string& bytes) {
  boost::system::error_code ec;
  net::write(impl_->socket, net::buffer(bytes), ec);
}

HttpReply HttpClient::read_reply() {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  boost::system::error_code ec;
  bhttp::read(impl_->socket, impl_->buffer, parser, ec);
  HttpReply out;
  if (ec) return out;
  auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  out.keep_alive = res.keep_alive();
  return out;
}

bool HttpClient::closed_within(int ms) {
  pollfd p{impl_->socket.native_handle(), POLLIN, 0};
  if (::poll(&p, 1, ms) <= 0) return false;
  char c;
  boost::system::error_code ec;
  std::size_t n = impl_->socket.read_some(net::buffer(&c, 1), ec);
  return ec && n == 0;
}

void HttpClient::set_timeout_ms(int ms) {
  timeval tv{ms / 1000, (ms % 1000) * 1000};
  ::setsockopt(impl_->socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(impl_->socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

}  // namespace sopan::testing
