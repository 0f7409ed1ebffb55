#pragma once
/// A small blocking HTTP/1.1 client for the integration tests (one connection, keep-alive).
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace sopan::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
  bool keep_alive = false;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();
  HttpReply request(const std::string& method, const std::string& target,
                    const std::string& body = "", std::map<std::string, std::string> headers = {});
  /// Signs in; later requests carry the session cookie and, on writes, the CSRF token.
  HttpReply login(const std::string& username, const std::string& password = "sopan-demo");
  void forget_session();
  const std::string& session_cookie() const { return cookie_; }
  const std::string& csrf_token() const { return csrf_; }
  /// Raw bytes on the connection (for partial requests).
  void send_raw(const std::string& bytes);
  /// Reads one response; status 0 when the server closed the connection instead.
  HttpReply read_reply();
  /// True when the server has closed the connection within `ms`.
  bool closed_within(int ms);
  /// Gives up on a send or a read after `ms` (the reply then has status 0); default: wait forever.
  void set_timeout_ms(int ms);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string cookie_;  // "sopan_sesi=<token>"
  std::string csrf_;
};

}  // namespace sopan::testing
