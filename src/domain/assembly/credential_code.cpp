#include "domain/assembly/credential_code.hpp"

namespace asamblea::domain {

std::string make_alphabet_code(std::span<const unsigned char> random) {
    static_assert(credential_alphabet.size() == 32);
    std::string code;
    code.reserve(random.size());
    for (unsigned char byte : random)
        code += credential_alphabet[byte % credential_alphabet.size()];
    return code;
}

std::optional<std::string> parse_alphabet_code(std::string_view text, std::size_t length) {
    std::string code;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '\t')
            continue;
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (credential_alphabet.find(c) == std::string_view::npos || code.size() == length)
            return std::nullopt;
        code += c;
    }
    if (code.size() != length)
        return std::nullopt;
    return code;
}

std::string make_credential_code(std::span<const unsigned char, credential_code_length> random) {
    return make_alphabet_code(random);
}

std::optional<std::string> parse_credential_code(std::string_view text) {
    return parse_alphabet_code(text, credential_code_length);
}

std::string display_credential_code(std::string_view code) {
    if (code.size() != credential_code_length)
        return std::string(code);
    return std::string(code.substr(0, 4)) + "-" + std::string(code.substr(4));
}

} // namespace asamblea::domain
