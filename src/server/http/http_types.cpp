#include "server/http/http_types.hpp"

namespace asamblea::server {

bool url_decode(std::string_view in, std::string& out, bool form) {
    out.clear();
    out.reserve(in.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size())
                return false;
            int hi = hex(in[i + 1]);
            int lo = hex(in[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && form) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return true;
}

std::string request::query_param(std::string_view name, std::string fallback) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        auto eq = pair.find('=');
        std::string key;
        if (!url_decode(pair.substr(0, eq), key, true) || key != name)
            continue;
        std::string value;
        if (eq != std::string_view::npos && url_decode(pair.substr(eq + 1), value, true))
            return value;
        return {};
    }
    return fallback;
}

std::string request::bearer() const {
    constexpr std::string_view prefix = "Bearer ";
    if (authorization.size() > prefix.size() &&
        std::string_view(authorization).substr(0, prefix.size()) == prefix)
        return authorization.substr(prefix.size());
    return {};
}

} // namespace asamblea::server
