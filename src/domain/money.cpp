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
    // Written from the right into a buffer that fits any amount ("-$", 18 digits, 5 commas,
    // ".cc"): one string made, not three. A live result formats a dozen amounts at every push.
    char buf[40];
    char* end = buf + sizeof buf;
    char* p = end;
    unsigned cents = static_cast<unsigned>(v % 100);
    *--p = static_cast<char>('0' + cents % 10);
    *--p = static_cast<char>('0' + cents / 10);
    *--p = '.';
    unsigned long long whole = v / 100;
    int digits = 0;
    do {
        if (digits > 0 && digits % 3 == 0)
            *--p = ',';
        *--p = static_cast<char>('0' + whole % 10);
        whole /= 10;
        ++digits;
    } while (whole != 0);
    *--p = '$';
    if (negative)
        *--p = '-';
    return std::string(p, end);
}

} // namespace asamblea::domain
