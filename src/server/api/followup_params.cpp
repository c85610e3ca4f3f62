#include "server/api/followup_params.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace asamblea::server {

domain::result<std::optional<int>> edition_param(const request& req) {
    auto text = req.query_param("edition");
    if (text.empty())
        return std::optional<int>{};
    int edition = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), edition);
    if (ec != std::errc{} || end != text.data() + text.size() || edition < 2000 || edition > 2100)
        return domain::fail(domain::error_kind::invalid, "edition_invalid",
                            "La edición debe ser un año, por ejemplo 2025.", "edition");
    return std::optional<int>{edition};
}

std::string today_in_mexico_city() {
    using namespace std::chrono;
    year_month_day ymd{floor<days>(system_clock::now() - hours{6})};
    char text[16]; // room for what the types allow, so that GCC sees no truncation
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

} // namespace asamblea::server
