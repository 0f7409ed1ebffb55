#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <list>
#include <optional>
#include <thread>

#include "common/log.hpp"
#include "common/text.hpp"
#include "http/error_response.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "http/target.hpp"

namespace sopan::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr auto use_nothrow = net::as_tuple(net::use_awaitable);
using Clock = std::chrono::steady_clock;

struct SessionState {
  beast::tcp_stream* stream;
  bool busy = false;  // between a complete request header and the end of its response
};

/// One thread's share of the server. Everything in it is touched only on its own thread.
struct Worker {
  net::io_context ioc{1};
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;
  net::steady_timer grace{ioc};
  std::list<SessionState*> sessions;
  bool stopping = false;
  std::thread thread;
};

class ServerImpl final : public Server {
 public:
  ServerImpl(ServerConfig config, std::vector<api::Route> routes)
      : config_(std::move(config)),
        blocking_(static_cast<std::size_t>(std::max(1, config_.blocking_threads))),
        router_(with_metrics_route(std::move(routes))),
        metrics_(route_labels(router_)),
        static_(config_.web_root) {}

  ~ServerImpl() override { stop(); }

  std::uint16_t start() override {
    auto address = net::ip::make_address(config_.address);
    std::uint16_t port = config_.port;
    for (int i = 0; i < std::max(1, config_.threads); ++i) {
      auto w = std::make_unique<Worker>();
      w->acceptor.emplace(w->ioc);
      tcp::endpoint ep(address, port);
      w->acceptor->open(ep.protocol());
      w->acceptor->set_option(net::socket_base::reuse_address(true));
      // Each thread accepts on its own socket; the kernel spreads connections between them.
      w->acceptor->set_option(net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
      w->acceptor->bind(ep);
      w->acceptor->listen(net::socket_base::max_listen_connections);
      port = w->acceptor->local_endpoint().port();
      w->guard.emplace(w->ioc.get_executor());
      workers_.push_back(std::move(w));
    }
    for (auto& w : workers_) {
      net::co_spawn(w->ioc, accept_loop(*w), net::detached);
      w->thread = std::thread([&ioc = w->ioc] { ioc.run(); });
    }
    port_ = port;
    log::info("http.listening", {{"address", config_.address},
                                 {"port", port},
                                 {"threads", workers_.size()},
                                 {"static_files", static_.size()}});
    return port;
  }

  void stop() override {
    if (stopped_) return;
    stopped_ = true;
    for (auto& w : workers_) {
      net::post(w->ioc, [this, &w = *w] {
        w.stopping = true;
        boost::system::error_code ec;
        if (w.acceptor) w.acceptor->close(ec);
        for (auto* s : w.sessions)
          if (!s->busy) s->stream->cancel();
        // Requests still running after the grace period are cut off.
        w.grace.expires_after(config_.shutdown_grace);
        w.grace.async_wait([&w](boost::system::error_code e) {
          if (!e) {
            log::warn("http.shutdown_forced", {{"sessions", w.sessions.size()}});
            w.ioc.stop();
          }
        });
        maybe_finish(w);
      });
    }
    for (auto& w : workers_)
      if (w->thread.joinable()) w->thread.join();
    blocking_.join();
    log::info("http.stopped", {{"port", port_}});
  }

  std::int64_t in_flight() const override { return metrics_.in_flight(); }

 private:
  std::vector<api::Route> with_metrics_route(std::vector<api::Route> routes) {
    routes.push_back({"GET",
                      "/metrics",
                      [this](const api::Request&) -> api::Reply {
                        api::Response r;
                        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                        r.body = metrics_.render();
                        if (config_.extra_metrics) r.body += config_.extra_metrics();
                        return r;
                      },
                      {},
                      domain::Permission::kPublic,
                      {}});
    return routes;
  }

  /// The labels a request can be counted under (Metrics refuses any other).
  static std::vector<std::string> route_labels(const Router& router) {
    std::vector<std::string> out = {
        "unread",     "static",     "not_found",      "method_not_allowed",
        "bad_target", "bad_header", "not_implemented"};
    for (const auto& r : router.routes()) out.push_back(r.pattern);
    return out;
  }

  /// The Content-Security-Policy of an answer that is not one of the web app's own files:
  /// nothing may load but what the kind of document needs (the print page its inline styles,
  /// an SVG its <style>), so text a person wrote can never run as script in our origin.
  static std::string_view api_csp(std::string_view content_type) {
    if (content_type.starts_with("text/html"))
      return "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action "
             "'none'; frame-ancestors 'none'";
    if (content_type.starts_with("image/svg+xml"))
      return "default-src 'none'; style-src 'unsafe-inline'";
    return "default-src 'none'; frame-ancestors 'none'";
  }

  static void maybe_finish(Worker& w) {
    if (w.stopping && w.sessions.empty()) {
      w.grace.cancel();
      w.guard.reset();
    }
  }

  net::awaitable<void> accept_loop(Worker& w) {
    for (;;) {
      auto [ec, socket] = co_await w.acceptor->async_accept(use_nothrow);
      if (w.stopping) co_return;
      if (ec) {
        log::warn("http.accept", {{"error", ec.message()}});
        // Out of file descriptors and similar: pause rather than spin.
        net::steady_timer pause(w.ioc, std::chrono::milliseconds(50));
        co_await pause.async_wait(use_nothrow);
        continue;
      }
      net::co_spawn(w.ioc, run_session(w, std::move(socket)), net::detached);
    }
  }

  api::Response call(const api::Route& route, api::Request& req) {
    try {
      auto reply = route.handler(req);
      return reply ? std::move(*reply) : error_response(reply.error());
    } catch (const std::exception& e) {
      return error_response(make_error(Errc::kInternal, e.what()));
    }
  }

  /// Routes one request; every answer but the web app's files gets the strict API CSP.
  net::awaitable<api::Response> dispatch(api::Request& req, std::string& route_label) {
    api::Response r = co_await route(req, route_label);
    if (route_label != "static") {
      bool has_csp = false;
      for (const auto& [k, v] : r.headers) has_csp = has_csp || k == "Content-Security-Policy";
      if (!has_csp) r.headers.emplace_back("Content-Security-Policy", api_csp(r.content_type));
    }
    co_return r;
  }

  /// Routes one request: API routes first, then the web app's files.
  net::awaitable<api::Response> route(api::Request& req, std::string& route_label) {
    auto m = router_.match(req.method, req.path);
    if (m.route) {
      route_label = m.route->pattern;
      req.params = std::move(m.params);
      if (m.route->blocks && m.route->blocks(req)) {
        const api::Route* route = m.route;
        co_return co_await net::co_spawn(
            blocking_,
            [this, route, &req]() -> net::awaitable<api::Response> { co_return call(*route, req); },
            net::use_awaitable);
      }
      co_return call(*m.route, req);
    }
    if (m.path_known) {
      route_label = "method_not_allowed";
      auto r = error_response(405, "method_not_allowed",
                              "Metode " + req.method + " tidak didukung di alamat ini");
      r.headers.emplace_back("Allow", m.allow);
      co_return r;
    }
    bool api_path = req.path == "/api" || req.path.starts_with("/api/");
    if (!api_path && (req.method == "GET" || req.method == "HEAD")) {
      if (const StaticFile* f = static_.find(req.path)) {
        route_label = "static";
        api::Response r;
        r.headers.emplace_back("ETag", f->etag);
        r.headers.emplace_back("Cache-Control", f->cache_control);
        if (f->content_type.starts_with("text/html"))
          r.headers.emplace_back("Content-Security-Policy",
                                 "default-src 'self'; img-src 'self' data:; style-src 'self' "
                                 "'unsafe-inline'; frame-ancestors 'none'");
        if (req.header("if-none-match") == f->etag) {
          r.status = 304;
          r.content_type.clear();
          co_return r;
        }
        r.content_type = f->content_type;
        r.body = f->content;
        co_return r;
      }
    }
    route_label = "not_found";
    co_return error_response(make_error(Errc::kNotFound, "Alamat tidak ditemukan: " + req.path));
  }

  bhttp::response<bhttp::string_body> to_message(api::Response&& r, unsigned version,
                                                 bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "sopan");
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    if (r.content_type.starts_with("application/json"))
      res.set(bhttp::field::cache_control, "no-store");
    for (auto& [k, v] : r.headers) res.set(k, v);
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    if (head) res.body().clear();
    return res;
  }

  /// Refuses what no route may see (request.hpp), then dispatches the rest.
  net::awaitable<api::Response> admit_and_dispatch(const RequestMessage& msg, api::Request& req,
                                                   std::string& route_label) {
    if (auto refusal = admit(msg, req)) {
      route_label = std::string(refusal->route_label);
      co_return std::move(refusal->response);
    }
    co_return co_await dispatch(req, route_label);
  }

  /// Answers a request that could not be read (too large, malformed) and ends the connection.
  net::awaitable<void> refuse(beast::tcp_stream& stream, api::Response r) {
    auto res = to_message(std::move(r), 11, false, false);
    stream.expires_after(config_.write_timeout);
    co_await bhttp::async_write(stream, res, use_nothrow);
  }

  net::awaitable<void> run_session(Worker& w, tcp::socket socket) {
    boost::system::error_code ep_ec;
    auto ep = socket.remote_endpoint(ep_ec);
    std::string remote = ep_ec ? "" : ep.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    SessionState state{&stream};
    auto self = w.sessions.insert(w.sessions.end(), &state);
    beast::flat_buffer buffer;

    while (!w.stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      apply_limits(parser, config_);
      // One deadline for the whole header: a client that trickles bytes is cut off too.
      stream.expires_after(config_.header_timeout);
      auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, use_nothrow);
      if (ec == bhttp::error::body_limit) {
        co_await refuse(
            stream, error_response(make_error(Errc::kTooLarge,
                                              "Isi permintaan melebihi batas " +
                                                  std::to_string(config_.body_limit) + " bita")));
        break;
      }
      if (ec == bhttp::error::header_limit) {
        co_await refuse(stream,
                        error_response(431, "header_too_large", "Header permintaan terlalu besar"));
        break;
      }
      if (ec) {
        // A malformed request gets a reason; a closed, timed-out or cancelled one does not.
        bool malformed =
            ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
            ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
        if (malformed)
          co_await refuse(stream, error_response(400, "invalid_argument",
                                                 "Permintaan HTTP tidak dapat dibaca"));
        break;
      }

      state.busy = true;
      metrics_.started();
      auto started = Clock::now();
      std::string route_label = "unread";
      api::Response response;
      bool readable = true;

      auto& header = parser.get();
      if (bhttp::token_list(header[bhttp::field::expect]).exists("100-continue")) {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, header.version()};
        stream.expires_after(config_.write_timeout);
        co_await bhttp::async_write(stream, cont, use_nothrow);
      }
      if (!parser.is_done()) {
        stream.expires_after(config_.body_timeout);
        auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, use_nothrow);
        if (body_ec == bhttp::error::body_limit) {
          response = error_response(make_error(
              Errc::kTooLarge,
              "Isi permintaan melebihi batas " + std::to_string(config_.body_limit) + " bita"));
          readable = false;
        } else if (body_ec) {
          metrics_.finished(route_label, header.method_string(), 408,
                            std::chrono::duration<double>(Clock::now() - started).count());
          break;
        }
      }

      auto& msg = parser.get();
      api::Request req = to_api_request(msg, remote, config_.trusted_proxies);
      if (readable) response = co_await admit_and_dispatch(msg, req, route_label);

      const int status = response.status;
      const bool keep_alive = readable && msg.keep_alive() && !w.stopping;
      auto res = to_message(std::move(response), msg.version(), keep_alive, req.method == "HEAD");
      const std::size_t bytes = res.body().size();
      stream.expires_after(config_.write_timeout);
      auto [write_ec, written] = co_await bhttp::async_write(stream, res, use_nothrow);
      const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
      metrics_.finished(route_label, req.method, status, seconds);
      if (config_.access_log)
        log::info("http.request", {{"method", text::cut_utf8(req.method, 32)},
                                   {"path", text::cut_utf8(req.path, 2048)},
                                   {"route", route_label},
                                   {"status", status},
                                   {"bytes", bytes},
                                   {"us", static_cast<std::int64_t>(seconds * 1e6)},
                                   {"remote", req.remote},
                                   {"peer", remote}});
      state.busy = false;
      if (write_ec || !keep_alive) break;
    }

    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    w.sessions.erase(self);
    maybe_finish(w);
  }

  ServerConfig config_;
  net::thread_pool blocking_;
  Router router_;
  Metrics metrics_;
  StaticFiles static_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<Server> make_server(ServerConfig config, std::vector<api::Route> routes) {
  return std::make_unique<ServerImpl>(std::move(config), std::move(routes));
}

}  // namespace sopan::http
