#include "server/api/path_params.hpp"

#include "domain/clinic.hpp"

#include <charconv>

namespace asamblea::server {

domain::result<std::string> path_clues(const request& req) {
    const auto& text = req.params.at("clues");
    auto clues = domain::normalize_clues(text);
    if (!clues)
        return domain::fail(domain::error_kind::not_found, "not_found",
                            "No existe la unidad «" + text + "».", "clues");
    return *clues;
}

domain::result<std::int64_t> path_id(const request& req, const char* name) {
    const auto& text = req.params.at(name);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1)
        return domain::fail(domain::error_kind::not_found, "not_found",
                            "No existe el elemento «" + text + "».", name);
    return value;
}

domain::result<int> positive_param(const request& req, const char* name, int fallback, int max) {
    std::string text = req.query_param(name);
    if (text.empty())
        return fallback;
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1 || value > max)
        return domain::fail(domain::error_kind::invalid, "bad_query",
                            "«" + std::string(name) + "» debe ser un número entre 1 y " +
                                std::to_string(max) + ".",
                            name);
    return value;
}

} // namespace asamblea::server
