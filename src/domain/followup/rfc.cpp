#include "domain/followup/rfc.hpp"

#include "domain/text_chars.hpp"

#include <cstddef>
#include <vector>

namespace asamblea::domain {
namespace {

constexpr std::string_view enye = "\xC3\x91";       // Ñ
constexpr std::string_view enye_lower = "\xC3\xB1"; // ñ
// One byte stands for Ñ while checking, so every RFC character is one symbol.
constexpr char enye_symbol = '\x01';

bool is_letter(char c) {
    return (c >= 'A' && c <= 'Z') || c == '&' || c == enye_symbol;
}

// SAT's values: 0–9, A–N 10–23, & 24, O–Z 25–36, space 37, Ñ 38.
int check_value(char c) {
    if (is_ascii_digit(c))
        return c - '0';
    if (c >= 'A' && c <= 'N')
        return c - 'A' + 10;
    if (c == '&')
        return 24;
    if (c >= 'O' && c <= 'Z')
        return c - 'O' + 25;
    if (c == ' ')
        return 37;
    return 38; // Ñ
}

// YYMMDD without a century: 29 February is valid when the year is a leap year in either the
// 1900s or the 2000s, which is every YY divisible by 4 (2000 was a leap year).
bool valid_yymmdd(std::string_view d) {
    int yy = (d[0] - '0') * 10 + (d[1] - '0');
    int mm = (d[2] - '0') * 10 + (d[3] - '0');
    int dd = (d[4] - '0') * 10 + (d[5] - '0');
    constexpr int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mm < 1 || mm > 12 || dd < 1 || dd > month_days[mm - 1])
        return false;
    return !(mm == 2 && dd == 29 && yy % 4 != 0);
}

char expected_check_digit(std::string_view symbols) {
    std::string padded = symbols.size() == 12 ? " " + std::string(symbols) : std::string(symbols);
    int sum = 0;
    for (std::size_t i = 0; i < 12; ++i)
        sum += check_value(padded[i]) * static_cast<int>(13 - i);
    int digit = 11 - sum % 11;
    if (digit == 11)
        return '0';
    if (digit == 10)
        return 'A';
    return static_cast<char>('0' + digit);
}

} // namespace

std::optional<std::string> normalize_rfc(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        std::string_view rest = text.substr(i);
        if (c == ' ' || c == '\t' || c == '-')
            continue;
        if (rest.starts_with(enye) || rest.starts_with(enye_lower)) {
            out += enye;
            ++i;
        } else if (c >= 'a' && c <= 'z') {
            out += static_cast<char>(c - 'a' + 'A');
        } else if ((c >= 'A' && c <= 'Z') || is_ascii_digit(c) || c == '&') {
            out += c;
        } else {
            return std::nullopt;
        }
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

rfc_check check_rfc(std::string_view normalized) {
    std::string symbols;
    for (std::size_t i = 0; i < normalized.size(); ++i) {
        if (normalized.substr(i).starts_with(enye)) {
            symbols += enye_symbol;
            ++i;
        } else {
            if (normalized[i] == enye_symbol)
                return {};
            symbols += normalized[i];
        }
    }
    rfc_check out;
    if (symbols.size() != 12 && symbols.size() != 13)
        return out;
    const std::size_t letters = symbols.size() - 9;
    for (std::size_t i = 0; i < letters; ++i)
        if (!is_letter(symbols[i]))
            return out;
    std::string_view date = std::string_view(symbols).substr(letters, 6);
    for (char c : date)
        if (!is_ascii_digit(c))
            return out;
    if (!valid_yymmdd(date))
        return out;
    for (std::size_t i = letters + 6; i < symbols.size(); ++i)
        if (!is_ascii_digit(symbols[i]) && !(symbols[i] >= 'A' && symbols[i] <= 'Z'))
            return out;
    out.well_formed = true;
    out.persona_moral = symbols.size() == 12;
    out.check_digit_ok = expected_check_digit(symbols) == symbols.back();
    return out;
}

status check_rfc_input(std::string_view text) {
    auto normalized = normalize_rfc(text);
    if (normalized && check_rfc(*normalized).well_formed)
        return {};
    return fail(error_kind::invalid, "rfc_invalid",
                "El RFC no tiene el formato correcto: 3 letras (empresa) o 4 (persona), la fecha "
                "AAMMDD y 3 caracteres de homoclave, por ejemplo EKU9003173C9.",
                "rfc");
}

} // namespace asamblea::domain
