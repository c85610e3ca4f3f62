// HTTP request parsing and routing: the bytes of a request go through Beast's parser with the
// server's limits, then through what http_session does with a parsed request (the decoded path and
// query, the upload route, the WebSocket path) and the real route table with its path parameters.
#include "domain/clinic.hpp"
#include "server/api/path_params.hpp"
#include "server/http/http_types.hpp"
#include "server/http/router.hpp"
#include "server/http/upload_route.hpp"
#include "server/server_config.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace http = boost::beast::http;
using namespace asamblea::server;

// Every route the server registers (generated from src/server/api/*.cpp at configure time).
const router& routes() {
    static const router r = [] {
        router built;
        struct entry {
            const char* method;
            const char* pattern;
        };
        static constexpr entry table[] = {
#include "fuzz_routes.inc"
        };
        for (const auto& e : table)
            built.add(e.method, e.pattern, [](const request&) { return response{}; });
        return built;
    }();
    return r;
}

void route(std::string_view method, std::string_view target, request& req) {
    auto qmark = target.find('?');
    if (!url_decode(target.substr(0, qmark), req.path, false) || req.path.empty() ||
        req.path.front() != '/')
        return;
    if (qmark != std::string_view::npos)
        req.query = std::string(target.substr(qmark + 1));
    (void)upload_route_clues(method, target);
    constexpr std::string_view ws_prefix = "/ws/c/";
    if (target.starts_with(ws_prefix))
        (void)asamblea::domain::normalize_clues(
            target.substr(ws_prefix.size(), target.find('?') - ws_prefix.size()));
    auto m = routes().find(req.method, req.path);
    if (!m.h)
        return;
    req.params = std::move(m.params);
    for (const auto& [name, value] : req.params) {
        if (name == "clues")
            (void)path_clues(req);
        else
            (void)path_id(req, name.c_str());
    }
    (void)positive_param(req, "page", 1, 1000);
    (void)req.query_param("q");
    (void)req.bearer();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const server_limits defaults;
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(defaults.header_bytes));
    parser.body_limit(defaults.body_bytes);
    boost::beast::error_code ec;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    while (!rest.empty() && !parser.is_done()) {
        auto used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
        if (ec == http::error::need_more) {
            ec = {};
            break;
        }
        if (ec)
            return 0;
        if (used == 0)
            break;
        rest.remove_prefix(used);
    }
    if (!parser.is_done()) {
        if (!parser.got_some())
            return 0; // the connection closed before a byte: end of stream, as async_read says
        parser.put_eof(ec);
        if (ec || !parser.is_header_done())
            return 0;
    }
    const auto& msg = parser.get();
    request req;
    req.method = std::string(msg.method_string());
    req.authorization = std::string(msg[http::field::authorization]);
    req.body = msg.body();
    route(req.method, msg.target(), req);
    return 0;
}
