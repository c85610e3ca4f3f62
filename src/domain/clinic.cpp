#include "domain/clinic.hpp"

#include <array>
#include <utility>

namespace asamblea::domain {

std::optional<std::string> normalize_clues_prefix(std::string_view text) {
    if (text.empty() || text.size() > 11)
        return std::nullopt;
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        char& c = out[i];
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        bool ok = i < 5 ? (c >= 'A' && c <= 'Z') : (c >= '0' && c <= '9');
        if (!ok)
            return std::nullopt;
    }
    return out;
}

std::optional<std::string> normalize_clues(std::string_view text) {
    if (text.size() != 11)
        return std::nullopt;
    return normalize_clues_prefix(text);
}

centavos budget_for_tier(int consultorios, std::string_view tipo) {
    constexpr centavos peso = 100;
    if (fold_for_search(tipo) == "cessa")
        return 1'200'000 * peso;
    if (consultorios <= 1)
        return 400'000 * peso;
    if (consultorios == 2)
        return 600'000 * peso;
    if (consultorios <= 5)
        return 800'000 * peso;
    return 1'000'000 * peso;
}

std::string fold_for_search(std::string_view text) {
    // The two-byte UTF-8 Latin-1 letters Spanish uses, mapped to their plain lower-case letter.
    static constexpr std::array<std::pair<unsigned char, char>, 26> latin1 = {{
        {0x81, 'a'}, {0x80, 'a'}, {0x84, 'a'}, {0xa1, 'a'}, {0xa0, 'a'}, {0xa4, 'a'}, {0x89, 'e'},
        {0x88, 'e'}, {0xa9, 'e'}, {0xa8, 'e'}, {0x8d, 'i'}, {0xad, 'i'}, {0x93, 'o'}, {0x96, 'o'},
        {0xb3, 'o'}, {0xb6, 'o'}, {0x9a, 'u'}, {0x9c, 'u'}, {0xba, 'u'}, {0xbc, 'u'}, {0x91, 'n'},
        {0xb1, 'n'}, {0x87, 'c'}, {0xa7, 'c'}, {0x8f, 'i'}, {0xaf, 'i'},
    }};
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xc3 && i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            char mapped = 0;
            for (auto [byte, letter] : latin1)
                if (byte == next)
                    mapped = letter;
            if (mapped) {
                out += mapped;
                ++i;
                continue;
            }
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    }
    return out;
}

} // namespace asamblea::domain
