#include "server/fleet/fleet_client.hpp"

#include "server/fleet/fleet.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <memory>

namespace asamblea::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// "host:port" or "[v6]:port" into its parts (the map checked the form).
std::pair<std::string, std::string> split_address(const std::string& address) {
    auto colon = address.rfind(':');
    std::string host = address.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return {host, colon == std::string::npos ? "" : address.substr(colon + 1)};
}

// One exchange with one peer; it writes its outcome into `reply`, which outlives it.
class peer_exchange : public std::enable_shared_from_this<peer_exchange> {
public:
    peer_exchange(asio::io_context& io, peer_reply& reply, http::request<http::string_body> req,
                  std::chrono::milliseconds timeout)
        : resolver_(io), stream_(io), reply_(reply), req_(std::move(req)), timeout_(timeout) {}

    void start(const std::string& host, const std::string& port) {
        parser_.body_limit(peer_reply_limit);
        stream_.expires_after(timeout_);
        resolver_.async_resolve(
            host, port, [self = shared_from_this()](beast::error_code ec, auto results) {
                if (ec)
                    return self->fail("resolve", ec);
                self->stream_.async_connect(results, [self](beast::error_code ec, const auto&) {
                    if (ec)
                        return self->fail("connect", ec);
                    self->send();
                });
            });
    }

private:
    void send() {
        http::async_write(stream_, req_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec)
                                  return self->fail("write", ec);
                              self->receive();
                          });
    }
    void receive() {
        http::async_read(stream_, buffer_, parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec)
                                 return self->fail("read", ec);
                             auto& res = self->parser_.get();
                             self->reply_.reached = true;
                             self->reply_.status = res.result_int();
                             self->reply_.body = std::move(res.body());
                             beast::error_code ignored;
                             self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
                         });
    }
    void fail(const char* step, beast::error_code ec) {
        reply_.error = std::string(step) + ": " + ec.message();
    }

    tcp::resolver resolver_;
    beast::tcp_stream stream_;
    peer_reply& reply_;
    http::request<http::string_body> req_;
    std::chrono::milliseconds timeout_;
    beast::flat_buffer buffer_;
    http::response_parser<http::string_body> parser_;
};

} // namespace

std::vector<peer_reply> ask_peers(const fleet& f, const peer_call& call,
                                  const std::vector<std::string>& shards) {
    std::vector<const domain::shard*> targets;
    for (const auto* p : f.peers())
        if (shards.empty() || std::find(shards.begin(), shards.end(), p->name) != shards.end())
            targets.push_back(p);
    std::vector<peer_reply> replies(targets.size());
    asio::io_context io;
    auto stamp = f.stamp(call.method, call.target, call.body);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        replies[i].shard = targets[i]->name;
        auto [host, port] = split_address(targets[i]->address);
        http::request<http::string_body> req{http::string_to_verb(call.method), call.target, 11};
        req.set(http::field::host, targets[i]->address);
        req.set("X-Asamblea-Fleet", stamp);
        req.set(http::field::connection, "close");
        if (!call.body.empty())
            req.set(http::field::content_type, call.content_type);
        req.body() = call.body;
        req.prepare_payload();
        std::make_shared<peer_exchange>(io, replies[i], std::move(req), call.timeout)
            ->start(host, port);
    }
    io.run(); // every exchange ends by its own time-out at the latest
    for (auto& r : replies)
        if (!r.reached && r.error.empty())
            r.error = "no answer";
    return replies;
}

} // namespace asamblea::server
