#pragma once
/// A proposal: something the assembly may spend its budget on.

#include "domain/money.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

enum class category { obra, mejoramiento, equipamiento, mobiliario };
/// Where it came from: the prior diagnosis, or the floor of the assembly.
enum class proposal_source { diagnostico, asamblea };

std::string_view to_string(category c);
std::optional<category> parse_category(std::string_view text);
/// What people read: "Obra", "Mejoramiento", "Equipamiento", "Mobiliario".
std::string_view category_label(category c);
std::string_view to_string(proposal_source s);
std::optional<proposal_source> parse_proposal_source(std::string_view text);

struct proposal {
    std::int64_t id = 0;
    std::string title;
    std::string description;
    domain::category category = category::obra;
    centavos cost = 0;
    proposal_source source = proposal_source::diagnostico;
};

} // namespace asamblea::domain
