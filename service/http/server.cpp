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
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
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

struct Worker;

/// One connection. It is registered with its worker for exactly as long as it exists, so that
/// shutdown reaches every live connection and no entry can outlive its session: however the
/// session coroutine ends (returned, an escaped exception, its frame destroyed with the
/// io_context after a forced stop), the destructor takes the entry out.
class Session {
 public:
  Session(Worker& worker, tcp::socket socket);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  beast::tcp_stream stream;
  bool busy = false;  // between a complete request header and the end of its response

 private:
  Worker& worker_;
  std::list<Session*>::iterator entry_;
};

/// One thread's share of the server. Everything in it is touched only on its own thread.
struct Worker {
  explicit Worker(std::size_t i) : index(i) {}
  ~Worker() {
    // Frames a forced stop left behind die with the io_context, below; their sessions then
    // unregister from `sessions`, declared above it so that it outlives them.
    acceptor.reset();
    guard.reset();
  }
  /// Once stopping, the last session to end lets the thread finish. Not after the io_context
  /// has stopped (a forced stop): the timer may be gone then, and nothing waits any more.
  void maybe_finish() {
    if (stopping && sessions.empty() && !ioc.stopped()) {
      grace.cancel();
      guard.reset();
    }
  }

  const std::size_t index;  // also its metrics shard
  std::list<Session*> sessions;
  bool stopping = false;
  net::io_context ioc{1};
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;
  net::steady_timer grace{ioc};
  std::thread thread;
};

Session::Session(Worker& worker, tcp::socket socket)
    : stream(std::move(socket)),
      worker_(worker),
      entry_(worker.sessions.insert(worker.sessions.end(), this)) {}

Session::~Session() {
  worker_.sessions.erase(entry_);
  worker_.maybe_finish();
}

/// An exception that escaped a handler, a producer or a session: a bug, kept as an error.
Error escaped(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return make_error(Errc::kInternal, x.what());
  } catch (...) {
    return make_error(Errc::kInternal, "an exception of unknown type");
  }
}

/// Runs a handler or its continuation, turning an error or an escaped exception (the log gets
/// it under an incident id, the client a 500) into an answer.
template <class Fn>
api::Response settle(Fn&& fn) {
  try {
    auto reply = fn();
    return reply ? std::move(*reply) : error_response(reply.error());
  } catch (...) {
    return error_response(escaped(std::current_exception()));
  }
}

class ServerImpl final : public Server {
 public:
  ServerImpl(ServerConfig config, std::vector<api::Route> routes)
      : config_(std::move(config)),
        blocking_(static_cast<std::size_t>(std::max(1, config_.blocking_threads))),
        router_(with_metrics_route(std::move(routes))),
        metrics_(route_labels(router_), static_cast<std::size_t>(std::max(1, config_.threads))),
        static_(config_.web_root) {}

  ~ServerImpl() override { stop(); }

  std::uint16_t start() override {
    auto address = net::ip::make_address(config_.address);
    std::uint16_t port = config_.port;
    for (int i = 0; i < std::max(1, config_.threads); ++i) {
      auto w = std::make_unique<Worker>(static_cast<std::size_t>(i));
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
          if (!s->busy) s->stream.cancel();
        // Requests still running after the grace period are cut off.
        w.grace.expires_after(config_.shutdown_grace);
        w.grace.async_wait([&w](boost::system::error_code e) {
          if (!e) {
            log::warn("http.shutdown_forced", {{"sessions", w.sessions.size()}});
            w.ioc.stop();
          }
        });
        w.maybe_finish();
      });
    }
    for (auto& w : workers_)
      if (w->thread.joinable()) w->thread.join();
    blocking_.join();
    log::info("http.stopped", {{"port", port_}});
  }

  std::int64_t in_flight() const override { return metrics_.in_flight(); }

  const std::vector<api::Route>& routes() const override { return router_.routes(); }

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
                      api::index_only,
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
      // An exception that escapes a session (a bug outside any handler) ends that connection
      // only; its Session has unregistered itself on the way out.
      net::co_spawn(w.ioc, run_session(w, std::move(socket)), [](std::exception_ptr e) {
        if (e) log::error("http.session_failed", {{"message", escaped(e).message}});
      });
    }
  }

  /// Runs `fn` on the blocking pool; the coroutine resumes on its own I/O thread.
  template <class T, class Fn>
  net::awaitable<T> on_pool(Fn fn) {
    co_return co_await net::co_spawn(
        blocking_, [&fn]() -> net::awaitable<T> { co_return fn(); }, net::use_awaitable);
  }

  /// The route's answer. It runs on the blocking pool unless its `blocks` says this request
  /// may run inline (api::Route); an inline answer that asks to continue on the pool does so.
  net::awaitable<api::Response> run_route(const api::Route& route, api::Request& req) {
    auto handle = [&route, &req] { return route.handler(req); };
    // On the pool a continuation runs in place: the thread may block already.
    auto on_pool_thread = [](auto& fn) {
      api::Response r = settle(fn);
      while (r.continue_on_pool) r = settle(std::exchange(r.continue_on_pool, {}));
      return r;
    };
    if (!route.blocks || route.blocks(req))
      co_return co_await on_pool<api::Response>([&] { return on_pool_thread(handle); });
    api::Response r = settle(handle);
    if (!r.continue_on_pool) co_return r;
    auto rest = std::exchange(r.continue_on_pool, {});
    co_return co_await on_pool<api::Response>([&] { return on_pool_thread(rest); });
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
      co_return co_await run_route(*m.route, req);
    }
    if (m.path_known) {
      route_label = "method_not_allowed";
      auto r = error_response(405, "method_not_allowed",
                              "Metode " + req.method + " tidak didukung di alamat ini");
      r.headers.emplace_back("Allow", m.allow);
      co_return r;
    }
    // The web app is never an answer under /api or /git (a git client must see a 404).
    bool api_path = req.path == "/api" || req.path.starts_with("/api/") || req.path == "/git" ||
                    req.path.starts_with("/git/");
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

  /// The fields every answer carries, buffered or streamed.
  static void set_fields(bhttp::response_header<>& h, api::Response& r) {
    h.set(bhttp::field::server, "sopan");
    if (!r.content_type.empty()) h.set(bhttp::field::content_type, r.content_type);
    h.set("X-Content-Type-Options", "nosniff");
    if (r.content_type.starts_with("application/json"))
      h.set(bhttp::field::cache_control, "no-store");
    for (auto& [k, v] : r.headers) h.set(k, v);
  }

  bhttp::response<bhttp::string_body> to_message(api::Response&& r, unsigned version,
                                                 bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    set_fields(res.base(), r);
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    if (head) res.body().clear();
    return res;
  }

  struct Written {
    std::size_t bytes = 0;  // of body
    bool reusable = false;  // false: the connection must end (a failed write, a stream that
                            // failed after its header went out, an HTTP/1.0 stream's end)
  };
  net::awaitable<Written> write_response(beast::tcp_stream& stream, api::Response r,
                                         unsigned version, bool keep_alive, bool head) {
    stream.expires_after(config_.write_timeout);
    if (!r.stream) {
      auto res = to_message(std::move(r), version, keep_alive, head);
      const std::size_t bytes = res.body().size();
      auto [ec, n] = co_await bhttp::async_write(stream, res, use_nothrow);
      co_return Written{bytes, !ec};
    }
    // Chunked for HTTP/1.1; an HTTP/1.0 client reads until the connection closes. A known
    // length goes as Content-Length, to either.
    const std::optional<std::uint64_t> length = r.stream_length;
    const bool chunked = version >= 11 && !length;
    bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(r.status), version};
    set_fields(res.base(), r);
    res.keep_alive(keep_alive && (chunked || length));
    if (length)
      res.content_length(*length);
    else
      res.chunked(chunked);
    bhttp::response_serializer<bhttp::empty_body> header(res);
    if (auto [ec, n] = co_await bhttp::async_write_header(stream, header, use_nothrow); ec)
      co_return Written{};
    if (head) co_return Written{0, true};
    std::size_t bytes = 0;
    std::string chunk;
    for (bool more = true; more;) {
      chunk.clear();
      // The producer may read git or a pipe: it is pulled on the pool, like a blocking route.
      auto pulled = co_await on_pool<Pulled>([&] { return pull(r.stream, chunk); });
      if (pulled.error) {
        log::error("http.stream_failed", {{"message", pulled.error->message}, {"bytes", bytes}});
        co_return Written{bytes, false};
      }
      more = pulled.more;
      if (length && bytes + chunk.size() > *length) {
        log::error("http.stream_too_long", {{"length", *length}, {"bytes", bytes}});
        co_return Written{bytes, false};
      }
      if (chunk.empty()) continue;  // an empty chunk would end the body
      stream.expires_after(config_.write_timeout);
      auto [ec, n] = chunked ? co_await net::async_write(
                                   stream, bhttp::make_chunk(net::buffer(chunk)), use_nothrow)
                             : co_await net::async_write(stream, net::buffer(chunk), use_nothrow);
      if (ec) co_return Written{bytes, false};
      bytes += chunk.size();
    }
    if (length) {
      if (bytes != *length)
        log::error("http.stream_too_short", {{"length", *length}, {"bytes", bytes}});
      co_return Written{bytes, bytes == *length};
    }
    if (!chunked) co_return Written{bytes, false};
    stream.expires_after(config_.write_timeout);
    auto [ec, n] = co_await net::async_write(stream, bhttp::make_chunk_last(), use_nothrow);
    co_return Written{bytes, !ec};
  }

  struct Pulled {
    bool more = false;
    std::optional<Error> error;
  };
  static Pulled pull(const api::BodyProducer& produce, std::string& chunk) {
    try {
      auto more = produce(chunk);
      if (!more) return {false, more.error()};
      return {*more, std::nullopt};
    } catch (...) {
      return {false, escaped(std::current_exception())};
    }
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
    co_await write_response(stream, std::move(r), 11, false, false);
  }

  /// One request in the metrics, from its header to its answer: recorded once, by finish() or,
  /// when an exception ends the session first, by the destructor (as a 500).
  struct Recorded {
    Recorded(Metrics& m, std::size_t s) : metrics(m), shard(s) { metrics.started(shard); }
    ~Recorded() {
      if (!done) finish();
    }
    double finish() {
      done = true;
      const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
      metrics.finished(shard, route, method, status, seconds);
      return seconds;
    }
    Metrics& metrics;
    const std::size_t shard;
    const Clock::time_point started = Clock::now();
    std::string route = "unread";
    std::string method;
    int status = 500;
    bool done = false;
  };

  net::awaitable<void> run_session(Worker& w, tcp::socket socket) {
    boost::system::error_code ep_ec;
    auto ep = socket.remote_endpoint(ep_ec);
    std::string remote = ep_ec ? "" : ep.address().to_string();
    Session session(w, std::move(socket));
    beast::tcp_stream& stream = session.stream;
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

      session.busy = true;
      Recorded record(metrics_, w.index);
      api::Response response;
      bool readable = true;

      auto& header = parser.get();
      record.method = std::string(header.method_string());
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
          record.status = 408;
          break;
        }
      }

      auto& msg = parser.get();
      api::Request req = to_api_request(msg, remote, config_.trusted_proxies);
      if (readable) response = co_await admit_and_dispatch(msg, req, record.route);

      record.status = response.status;
      record.method = req.method;
      const bool keep_alive = readable && msg.keep_alive() && !w.stopping;
      auto written = co_await write_response(stream, std::move(response), msg.version(), keep_alive,
                                             req.method == "HEAD");
      const double seconds = record.finish();
      if (config_.access_log)
        log::info("http.request", {{"method", text::cut_utf8(req.method, 32)},
                                   {"path", text::cut_utf8(req.path, 2048)},
                                   {"route", record.route},
                                   {"status", record.status},
                                   {"bytes", written.bytes},
                                   {"us", static_cast<std::int64_t>(seconds * 1e6)},
                                   {"remote", req.remote},
                                   {"peer", remote}});
      session.busy = false;
      if (!written.reusable || !keep_alive) break;
    }

    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
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
