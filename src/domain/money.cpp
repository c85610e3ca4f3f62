#include "domain/money.hpp"

#include <limits>

namespace asamblea::domain {

std::optional<centavos> parse_pesos(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '$')
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    constexpr centavos max_pesos = std::numeric_limits<centavos>::max() / 1000;
    centavos pesos = 0;
    std::size_t i = 0;
    std::size_t digits = 0;
    for (; i < text.size() && text[i] != '.'; ++i) {
        char c = text[i];
        if (c == ',')
            continue; // thousands separator
        if (c < '0' || c > '9')
            return std::nullopt;
        pesos = pesos * 10 + (c - '0');
        if (pesos > max_pesos)
            return std::nullopt;
        ++digits;
    }
    if (digits == 0)
        return std::nullopt;
    centavos cents = 0;
    if (i < text.size()) {
        auto frac = text.substr(i + 1);
        if (frac.empty() || frac.size() > 2)
            return std::nullopt;
        for (char c : frac) {
            if (c < '0' || c > '9')
                return std::nullopt;
            cents = cents * 10 + (c - '0');
        }
        if (frac.size() == 1)
            cents *= 10;
    }
    return pesos * 100 + cents;
}

std::string format_pesos(centavos amount) {
    bool negative = amount < 0;
    unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(amount)
                                    : static_cast<unsigned long long>(amount);
    std::string whole = std::to_string(v / 100);
    std::string grouped;
    for (std::size_t n = 0; n < whole.size(); ++n) {
        if (n > 0 && (whole.size() - n) % 3 == 0)
            grouped += ',';
        grouped += whole[n];
    }
    unsigned cents = static_cast<unsigned>(v % 100);
    std::string out = negative ? "-$" : "$";
    out += grouped;
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    return out;
}

} // namespace asamblea::domain
