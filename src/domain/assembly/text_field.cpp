#include "domain/assembly/text_field.hpp"

#include "domain/csv.hpp"

namespace asamblea::domain {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string capitalized(std::string_view subject) {
    std::string out(subject);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

} // namespace

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

result<std::string> clean_text(std::string_view text, const text_rule& rule) {
    auto invalid = [&](std::string message) {
        return fail(error_kind::invalid, "invalid_field", std::move(message),
                    std::string(rule.field));
    };
    if (!valid_utf8(text))
        return invalid(capitalized(rule.subject) + " tiene caracteres no válidos.");
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    bool pending_break = false;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (is_space(c)) {
            if (c == '\n' && rule.multiline)
                pending_break = true;
            else if (c != '\r' || !rule.multiline)
                pending_space = true;
            continue;
        }
        if (u < 0x20 || u == 0x7F)
            return invalid(capitalized(rule.subject) + " tiene caracteres no válidos.");
        if (!out.empty()) {
            if (pending_break)
                out += '\n';
            else if (pending_space)
                out += ' ';
        }
        pending_space = pending_break = false;
        out += c;
    }
    std::size_t length = utf8_length(out);
    if (length == 0 && rule.min_chars > 0)
        return invalid("Escriba " + std::string(rule.subject) + ".");
    if (length < rule.min_chars || length > rule.max_chars)
        return invalid(capitalized(rule.subject) + " debe tener de " +
                       std::to_string(rule.min_chars) + " a " + std::to_string(rule.max_chars) +
                       " caracteres.");
    return out;
}

} // namespace asamblea::domain
