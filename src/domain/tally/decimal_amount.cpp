#include "domain/tally/decimal_amount.hpp"

#include "domain/text_chars.hpp"

namespace asamblea::domain {

namespace {

// 18 digits always fit in an int64 (10^18 - 1 < 2^63).
constexpr std::size_t max_digits = 18;

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

} // namespace

std::optional<decimal_amount> parse_decimal_amount(std::string_view text) {
    text = trim_blanks(text);
    auto point = text.find_first_of(".,");
    std::string_view whole = text.substr(0, point);
    std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    if ((whole.empty() && fraction.empty()) || !all_digits(whole) || !all_digits(fraction))
        return std::nullopt;
    while (!fraction.empty() && fraction.back() == '0')
        fraction.remove_suffix(1);
    while (whole.size() > 1 && whole.front() == '0')
        whole.remove_prefix(1);
    if (whole.size() + fraction.size() > max_digits)
        return std::nullopt;
    decimal_amount out;
    for (char c : whole)
        out.units = out.units * 10 + (c - '0');
    for (char c : fraction)
        out.units = out.units * 10 + (c - '0');
    out.decimals = static_cast<int>(fraction.size());
    return out;
}

std::optional<std::int64_t> scaled_units(const decimal_amount& a, int decimals,
                                         std::int64_t limit) {
    if (decimals < a.decimals || a.units > limit)
        return std::nullopt;
    std::int64_t v = a.units;
    for (int i = a.decimals; i < decimals; ++i) {
        if (v > limit / 10)
            return std::nullopt;
        v *= 10;
    }
    if (v > limit)
        return std::nullopt;
    return v;
}

std::string format_decimal(std::int64_t units, int decimals) {
    std::string digits = std::to_string(units);
    if (decimals <= 0)
        return digits;
    auto d = static_cast<std::size_t>(decimals);
    if (digits.size() <= d)
        digits.insert(0, d + 1 - digits.size(), '0');
    digits.insert(digits.size() - d, 1, '.');
    return digits;
}

} // namespace asamblea::domain
