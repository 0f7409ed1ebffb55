// Our own ceiling: the same server shape as `sopan serve` (an io_context and SO_REUSEPORT
// acceptor per thread, one coroutine per connection, Beast with the same flags), answering every
// GET and every PUT with fixed bytes from memory. Whatever sopan loses against it is the cost of
// routing, the index, git and fsync.
//   ceiling_server PORT THREADS GET_BODY_FILE PUT_BODY_FILE
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
constexpr auto use_nothrow = net::as_tuple(net::use_awaitable);

struct Bodies {
  std::string get, put;
};

net::awaitable<void> run_session(tcp::socket socket, const Bodies& bodies) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(1 << 20);
    stream.expires_after(std::chrono::seconds(15));
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, use_nothrow);
    if (ec) break;
    auto& req = parser.get();
    bool put = req.method() == bhttp::verb::put;
    bhttp::response<bhttp::string_body> res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::server, "sopan");
    res.set(bhttp::field::content_type, "application/json; charset=utf-8");
    res.set("X-Content-Type-Options", "nosniff");
    res.set(bhttp::field::cache_control, "no-store");
    res.set(bhttp::field::etag, "\"2\"");
    res.body() = put ? bodies.put : bodies.get;
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    auto [wec, w] = co_await bhttp::async_write(stream, res, use_nothrow);
    if (wec || !req.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

net::awaitable<void> accept_loop(tcp::acceptor& acceptor, const Bodies& bodies) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(use_nothrow);
    if (ec) co_return;
    net::co_spawn(acceptor.get_executor(), run_session(std::move(socket), bodies), net::detached);
  }
}

std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: ceiling_server PORT THREADS GET_BODY_FILE PUT_BODY_FILE\n";
    return 2;
  }
  auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  int threads = std::stoi(argv[2]);
  Bodies bodies{slurp(argv[3]), slurp(argv[4])};
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  for (int i = 0; i < threads; ++i) {
    contexts.push_back(std::make_unique<net::io_context>(1));
    auto a = std::make_unique<tcp::acceptor>(*contexts.back());
    tcp::endpoint ep(net::ip::make_address("127.0.0.1"), port);
    a->open(ep.protocol());
    a->set_option(net::socket_base::reuse_address(true));
    a->set_option(net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
    a->bind(ep);
    a->listen(net::socket_base::max_listen_connections);
    net::co_spawn(*contexts.back(), accept_loop(*a, bodies), net::detached);
    acceptors.push_back(std::move(a));
  }
  net::signal_set signals(*contexts[0], SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) {
    for (auto& c : contexts) c->stop();
  });
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&, i] { contexts[i]->run(); });
  contexts[0]->run();
  for (auto& c : contexts) c->stop();
  for (auto& t : pool) t.join();
}
