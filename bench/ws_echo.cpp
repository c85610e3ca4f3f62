// The echo baseline of scripts/bench: the smallest Beast WebSocket server that answers every
// text message with itself, on the same io_context-per-core layout as asamblea. The load
// generator measured against it shows what the machine, the kernel and Beast cost alone.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <sys/resource.h>

#include <iostream>
#include <memory>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

class echo_session : public std::enable_shared_from_this<echo_session> {
public:
    explicit echo_session(tcp::socket&& s) : ws_(std::move(s)) {}
    void run() {
        ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        ws_.async_accept([self = shared_from_this()](beast::error_code ec) {
            if (!ec)
                self->read();
        });
    }

private:
    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec)
                return;
            self->ws_.text(self->ws_.got_text());
            self->ws_.async_write(self->buffer_.data(), [self](beast::error_code ec, std::size_t) {
                if (ec)
                    return;
                self->buffer_.consume(self->buffer_.size());
                self->read();
            });
        });
    }
    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
};

void accept(asio::io_context& ioc, tcp::acceptor& acceptor) {
    acceptor.async_accept(asio::make_strand(ioc), [&](beast::error_code ec, tcp::socket s) {
        if (!acceptor.is_open())
            return;
        if (!ec)
            std::make_shared<echo_session>(std::move(s))->run();
        accept(ioc, acceptor);
    });
}

int main(int argc, char** argv) {
    unsigned short port = argc > 1 ? static_cast<unsigned short>(std::stoi(argv[1])) : 0;
    unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoi(argv[2]))
                                : std::max(1U, std::thread::hardware_concurrency());
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
    asio::io_context ioc(static_cast<int>(threads));
    tcp::acceptor acceptor(ioc);
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
    acceptor.open(ep.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen(asio::socket_base::max_listen_connections);
    std::cout << "ws_echo listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    accept(ioc, acceptor);
    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : pool)
        t.join();
}
