#pragma once
/// The open data's CSV cells (RFC 4180, UTF-8), shared by every CSV the server writes: quoting,
/// the formula guard, and money in pesos with two decimals.

#include "domain/money.hpp"
#include "domain/tally/decimal_amount.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace asamblea::server {

/// True for text that is a plain number ("-12.50"), which a spreadsheet reads as one.
inline bool csv_is_number(std::string_view s) {
    if (!s.empty() && s.front() == '-')
        s.remove_prefix(1);
    return !s.empty() && s.find_first_not_of("0123456789.") == std::string_view::npos;
}

/// One cell. RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
/// Text that a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading
/// apostrophe: a supplier named "=HYPERLINK(...)" must stay a name on an auditor's screen
/// (OWASP's CSV injection advice). Plain numbers, negative ones too, stay numbers.
inline std::string csv_field(std::string_view text) {
    std::string s(text);
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos &&
        !csv_is_number(s))
        s.insert(s.begin(), '\'');
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char ch : s)
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

/// Centavos as pesos with two decimals: 123456 → "1234.56", −5 → "-0.05".
inline std::string csv_pesos(domain::centavos c) {
    return c < 0 ? "-" + domain::format_decimal(-c, 2) : domain::format_decimal(c, 2);
}

/// One line: the cells joined by commas, ending in "\n".
inline std::string csv_row(std::initializer_list<std::string> fields) {
    std::string out;
    bool first = true;
    for (const auto& f : fields) {
        out += first ? "" : ",";
        out += csv_field(f);
        first = false;
    }
    return out + "\n";
}

} // namespace asamblea::server
