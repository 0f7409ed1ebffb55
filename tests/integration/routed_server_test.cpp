// The http layer alone: a server built with test-only routes (no data directory), spoken to
// over loopback. What it checks is the server's own contract: where a route runs, what an
// escaped exception does, streamed bodies, prefix routes, shutdown.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "http/server.hpp"
#include "http_client.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
namespace net = boost::asio;

std::string this_thread() {
  std::ostringstream out;
  out << std::this_thread::get_id();
  return out.str();
}

api::Reply text(std::string body) {
  api::Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

/// The body of /t/stream: `chunks` parts of 64 KiB, then a short tail.
std::string stream_part(std::size_t i) {
  return std::string(64 << 10, static_cast<char>('a' + i % 26));
}
constexpr std::size_t kChunks = 64;  // 4 MiB
const std::string kTail = "ende";

/// A producer that yields `chunks` parts then the tail; `fail_after` parts in, it fails instead
/// (by an error, or by throwing).
api::BodyProducer producer(std::size_t chunks, std::optional<std::size_t> fail_after, bool throws,
                           std::atomic<int>* pulls, std::string* thread) {
  auto next = std::make_shared<std::size_t>(0), pulled = std::make_shared<std::size_t>(0);
  return [=](std::string& chunk) -> Result<bool> {
    if (pulls) ++*pulls;
    if (thread) *thread = this_thread();
    if (++*pulled % 8 == 0) return true;  // an empty part now and then, which must not end it
    if (fail_after && *next == *fail_after) {
      if (throws) throw std::runtime_error("producer broke");
      return make_error(Errc::kInternal, "producer failed");
    }
    if (*next == chunks) {
      chunk = kTail;
      return false;
    }
    chunk = stream_part((*next)++);
    return true;
  };
}

/// Connects, sends `request`, reads until the server closes (or 5 s pass).
std::string exchange_raw(std::uint16_t port, const std::string& request) {
  net::io_context ioc;
  net::ip::tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  timeval tv{5, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  net::write(socket, net::buffer(request));
  std::string out;
  char buf[16 << 10];
  boost::system::error_code ec;
  for (;;) {
    std::size_t n = socket.read_some(net::buffer(buf), ec);
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

class RoutedServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto route = [](std::string method, std::string pattern, api::Handler h,
                    std::function<bool(const api::Request&)> blocks) {
      return api::Route{std::move(method), std::move(pattern),          std::move(h),
                        std::move(blocks), domain::Permission::kPublic, {}};
    };
    auto where = [](api::Request&) { return text(this_thread()); };
    auto continues = [](api::Request&) -> api::Reply {
      std::string first = this_thread();
      return api::continue_on_pool([first] { return text(first + " " + this_thread()); });
    };
    routes_ = {
        route("GET", "/t/inline", where, api::index_only),
        route("GET", "/t/pool", where, {}),
        route("GET", "/t/continue", continues, api::index_only),
        route("GET", "/t/pool-continue", continues, {}),
        route(
            "GET", "/t/throw",
            [](api::Request&) -> api::Reply { throw std::runtime_error("handler broke"); },
            api::index_only),
        route("GET", "/t/throw-pool", [](api::Request&) -> api::Reply { throw 42; }, {}),
        route(
            "GET", "/t/stream",
            [this](api::Request&) -> api::Reply {
              handler_thread_ = this_thread();
              api::Response r;
              r.content_type = "application/zip";
              r.headers.emplace_back("X-Test", "1");
              r.stream = producer(kChunks, std::nullopt, false, &pulls_, &producer_thread_);
              return r;
            },
            api::index_only),
        route(
            "HEAD", "/t/stream",
            [this](api::Request&) -> api::Reply {
              api::Response r;
              r.stream = producer(kChunks, std::nullopt, false, &pulls_, nullptr);
              return r;
            },
            api::index_only),
        route("GET", "/t/stream-fail",
              [](api::Request& req) -> api::Reply {
                api::Response r;
                r.content_type = "application/zip";
                r.stream =
                    producer(kChunks, 2, req.query_param("throw").has_value(), nullptr, nullptr);
                return r;
              },
              {}),
        route("GET", "/t/stream-sized",
              [](api::Request& req) -> api::Reply {
                api::Response r;
                r.content_type = "application/zip";
                r.stream = producer(kChunks, std::nullopt, false, nullptr, nullptr);
                r.stream_length = std::stoull(std::string(req.query_param("length").value_or("0")));
                return r;
              },
              {}),
        route("GET", "/git/{rest...}",
              [](api::Request& req) { return text("rest=" + std::string(req.param("rest"))); }, {}),
        route("POST", "/git/{rest...}",
              [](api::Request& req) { return text("post=" + std::string(req.param("rest"))); }, {}),
        route(
            "GET", "/git/{repo}/exact",
            [](api::Request& req) { return text("exact=" + std::string(req.param("repo"))); },
            api::index_only),
    };
    config_.port = 0;
    config_.threads = 1;  // one I/O thread: every inline handler runs on it
    config_.blocking_threads = 2;
    config_.access_log = false;
    config_.shutdown_grace = std::chrono::seconds(30);
  }

  void start() {
    server_ = http::make_server(config_, routes_);
    port_ = server_->start();
  }

  /// No request in flight within a second (a request is counted until just after its answer).
  bool idle_soon() {
    for (int i = 0; i < 100 && server_->in_flight() != 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return server_->in_flight() == 0;
  }

  std::vector<api::Route> routes_;
  http::ServerConfig config_;
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
  std::atomic<int> pulls_{0};
  std::string handler_thread_, producer_thread_;
};

TEST_F(RoutedServerTest, RoutesRunOnThePoolUnlessTheyOptInToInline) {
  start();
  HttpClient c(port_);
  const std::string io = c.request("GET", "/t/inline").body;
  EXPECT_EQ(c.request("GET", "/t/inline").body, io);  // the same I/O thread each time
  EXPECT_NE(c.request("GET", "/t/pool").body, io);    // a route that says nothing: the pool

  // An inline handler that must block after all continues on the pool...
  auto inline_then = c.request("GET", "/t/continue");
  ASSERT_EQ(inline_then.status, 200);
  auto space = inline_then.body.find(' ');
  EXPECT_EQ(inline_then.body.substr(0, space), io);
  EXPECT_NE(inline_then.body.substr(space + 1), io);
  // ... and on the pool the continuation runs in place.
  auto pooled = c.request("GET", "/t/pool-continue");
  space = pooled.body.find(' ');
  EXPECT_NE(pooled.body.substr(0, space), io);
  EXPECT_EQ(pooled.body.substr(0, space), pooled.body.substr(space + 1));
}

TEST_F(RoutedServerTest, AnExceptionEscapingAHandlerIsA500AndTheServerGoesOn) {
  start();
  HttpClient c(port_);
  for (const char* path : {"/t/throw", "/t/throw-pool", "/t/throw", "/t/throw-pool"}) {
    auto r = c.request("GET", path);
    EXPECT_EQ(r.status, 500) << path;
    auto error = boost::json::parse(r.body).at("error");
    EXPECT_EQ(error.at("code").as_string(), "internal");
    EXPECT_FALSE(error.at("incident").as_string().empty());
    EXPECT_EQ(r.body.find("broke"), std::string::npos) << "the detail stays in the log";
    EXPECT_TRUE(r.keep_alive);
    // The same connection, and the same I/O thread, serve the next request.
    EXPECT_EQ(c.request("GET", "/t/inline").status, 200);
  }
  EXPECT_TRUE(idle_soon());
  // Nothing is left registered or waiting: shutdown closes the idle connections at once
  // instead of sitting out its 30 s grace.
  HttpClient idle(port_);
  EXPECT_EQ(idle.request("GET", "/t/inline").status, 200);
  auto before = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
  EXPECT_TRUE(idle.closed_within(1000));
  EXPECT_TRUE(c.closed_within(1000));
}

TEST_F(RoutedServerTest, ShutdownClosesEverySession) {
  config_.threads = 2;
  start();
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < 8; ++i) {
    clients.push_back(std::make_unique<HttpClient>(port_));
    if (i % 2 == 0) {
      EXPECT_EQ(clients.back()->request("GET", "/t/pool").status, 200);
    }
  }
  auto before = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
  for (auto& c : clients) EXPECT_TRUE(c->closed_within(1000));
}

TEST_F(RoutedServerTest, AStreamedBodyIsChunkedWithTheUsualHeaders) {
  start();
  HttpClient c(port_);
  auto r = c.request("GET", "/t/stream");
  ASSERT_EQ(r.status, 200);
  std::string expected;
  for (std::size_t i = 0; i < kChunks; ++i) expected += stream_part(i);
  expected += kTail;
  EXPECT_EQ(r.body.size(), expected.size());
  EXPECT_TRUE(r.body == expected);
  EXPECT_EQ(r.header("transfer-encoding"), "chunked");
  EXPECT_EQ(r.header("content-length"), "");
  EXPECT_EQ(r.header("content-type"), "application/zip");
  EXPECT_EQ(r.header("x-test"), "1");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
  EXPECT_TRUE(r.keep_alive);
  // The producer ran on the pool, not on the I/O thread that ran the (inline) handler.
  EXPECT_NE(producer_thread_, handler_thread_);
  // The connection is reusable after the last chunk.
  EXPECT_EQ(c.request("GET", "/t/inline").status, 200);
}

TEST_F(RoutedServerTest, AStreamToAnHttp10ClientEndsWithTheConnectionAndHeadPullsNothing) {
  start();
  std::string raw = exchange_raw(port_, "GET /t/stream HTTP/1.0\r\n\r\n");
  auto end = raw.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos) << raw.substr(0, 200);
  const std::string head = raw.substr(0, end);
  EXPECT_TRUE(head.starts_with("HTTP/1.0 200")) << head;
  EXPECT_EQ(head.find("chunked"), std::string::npos) << head;
  EXPECT_EQ(raw.size() - end - 4, kChunks * (64 << 10) + kTail.size());
  EXPECT_TRUE(raw.ends_with(kTail));

  pulls_ = 0;
  raw = exchange_raw(port_, "HEAD /t/stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 200")) << raw;
  EXPECT_TRUE(raw.ends_with("\r\n\r\n")) << "no body after the header";
  EXPECT_EQ(pulls_, 0);
}

TEST_F(RoutedServerTest, AFailingStreamCutsTheConnectionAndTheServerGoesOn) {
  start();
  for (std::string query : {"", "?throw=1"}) {
    std::string raw =
        exchange_raw(port_, "GET /t/stream-fail" + query + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 200")) << raw.substr(0, 100);
    EXPECT_FALSE(raw.ends_with("0\r\n\r\n")) << "a clean end would pass a broken body as whole";
    EXPECT_GT(raw.size(), 2u * (64 << 10));  // the parts before the failure went out
    EXPECT_LT(raw.size(), 3u * (64 << 10));
  }
  HttpClient c(port_);
  EXPECT_EQ(c.request("GET", "/t/inline").status, 200);
  EXPECT_TRUE(idle_soon());
}

TEST_F(RoutedServerTest, AStreamOfKnownLengthGoesWithContentLengthAndAWrongOneIsCut) {
  start();
  const std::size_t length = kChunks * (64 << 10) + kTail.size();
  HttpClient c(port_);
  auto r = c.request("GET", "/t/stream-sized?length=" + std::to_string(length));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-length"), std::to_string(length));
  EXPECT_EQ(r.header("transfer-encoding"), "");
  EXPECT_EQ(r.body.size(), length);
  EXPECT_TRUE(r.body.ends_with(kTail));
  EXPECT_TRUE(r.keep_alive);
  EXPECT_EQ(c.request("GET", "/t/inline").status, 200);  // the connection goes on
  // A producer that gives less or more than it announced: the body is cut and the connection
  // closed, so the client never takes a wrong body for a whole one.
  for (std::size_t announced : {length + 10, length - 10}) {
    std::string raw =
        exchange_raw(port_, "GET /t/stream-sized?length=" + std::to_string(announced) +
                                " HTTP/1.1\r\nHost: x\r\n\r\n");
    auto end = raw.find("\r\n\r\n");
    ASSERT_NE(end, std::string::npos);
    EXPECT_NE(raw.substr(0, end).find("Content-Length: " + std::to_string(announced)),
              std::string::npos);
    EXPECT_LT(raw.size() - end - 4, announced) << "announced " << announced;
  }
  EXPECT_EQ(c.request("GET", "/t/inline").status, 200);
}

TEST_F(RoutedServerTest, PrefixRoutesCaptureTheRestAndNeverADotSegment) {
  start();
  HttpClient c(port_);
  EXPECT_EQ(c.request("GET", "/git/sopan.git/info/refs").body, "rest=sopan.git/info/refs");
  EXPECT_EQ(c.request("GET", "/git/x").body, "rest=x");
  EXPECT_EQ(c.request("POST", "/git/sopan.git/git-upload-pack", "x").body,
            "post=sopan.git/git-upload-pack");
  // A route without {rest...} wins over the prefix route, wherever it is in the table.
  EXPECT_EQ(c.request("GET", "/git/sopan.git/exact").body, "exact=sopan.git");
  // An encoded slash is a slash (the path is routed decoded): still inside the capture.
  EXPECT_EQ(c.request("GET", "/git/a%2Fb").body, "rest=a/b");
  // Nothing to capture, an empty segment, or a dot segment, spelled or encoded: no route.
  for (const char* path :
       {"/git", "/git/", "/git/a//b", "/git/a/", "/git/./x", "/git/..", "/git/a/../../etc/passwd",
        "/git/a/%2e%2e/b", "/git/a%2F..%2F..%2Fb", "/git/%2E"}) {
    auto r = c.request("GET", path);
    EXPECT_EQ(r.status, 404) << path << " → " << r.body;
  }
  // Another method on a path the prefix route has: 405 naming both.
  auto r = c.request("DELETE", "/git/sopan.git/info/refs");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, POST");
  r = c.request("DELETE", "/git/sopan.git/exact");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, POST");  // GET named once: exact and prefix both have it
  EXPECT_EQ(c.request("DELETE", "/git/a/../b").status, 404);
}

}  // namespace
}  // namespace sopan
