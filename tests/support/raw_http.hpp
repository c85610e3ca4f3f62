#pragma once
/// Small helpers for tests that talk HTTP over a bare socket (caps, time-outs, slow readers),
/// where the real client's own behaviour would hide what the server does.

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <string>

/// Reads until a whole answer to GET /healthz is in (its body is a small JSON object), or the
/// connection ends; returns what was read.
inline std::string read_healthz_answer(boost::asio::ip::tcp::socket& socket) {
    std::string got;
    char buf[1024];
    boost::system::error_code ec;
    while (got.find("\r\n\r\n") == std::string::npos || got.back() != '}') {
        auto n = socket.read_some(boost::asio::buffer(buf), ec);
        if (ec)
            break;
        got.append(buf, n);
    }
    return got;
}

/// The value of one sample line of /metrics text ("name{labels} value"), or -1 when absent.
inline long long metric_value(const std::string& text, const std::string& sample) {
    auto at = text.find("\n" + sample + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(text.substr(at + sample.size() + 2));
}
