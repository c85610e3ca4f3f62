#include "domain/proposal.hpp"

#include <array>

namespace asamblea::domain {
namespace {
constexpr std::array<std::string_view, 4> category_names = {"obra", "mejoramiento", "equipamiento",
                                                            "mobiliario"};
constexpr std::array<std::string_view, 2> source_names = {"diagnostico", "asamblea"};
} // namespace

std::string_view to_string(category c) {
    return category_names[static_cast<std::size_t>(c)];
}

std::optional<category> parse_category(std::string_view text) {
    for (std::size_t i = 0; i < category_names.size(); ++i)
        if (category_names[i] == text)
            return static_cast<category>(i);
    return std::nullopt;
}

std::string_view to_string(proposal_source s) {
    return source_names[static_cast<std::size_t>(s)];
}

std::optional<proposal_source> parse_proposal_source(std::string_view text) {
    for (std::size_t i = 0; i < source_names.size(); ++i)
        if (source_names[i] == text)
            return static_cast<proposal_source>(i);
    return std::nullopt;
}

std::string_view category_label(category c) {
    switch (c) {
    case category::obra:
        return "Obra";
    case category::mejoramiento:
        return "Mejoramiento";
    case category::equipamiento:
        return "Equipamiento";
    case category::mobiliario:
        return "Mobiliario";
    }
    return "";
}

} // namespace asamblea::domain
