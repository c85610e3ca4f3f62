#include "domain/ballot_limit.hpp"

#include <string>

namespace asamblea::domain {

error too_many_ballots(int limit) {
    return {error_kind::too_many, "too_many_ballots",
            "Ya envió el máximo de votos por persona en esta votación (" + std::to_string(limit) +
                "); este no se registró. Sigue contando el último que se registró.",
            "", 0};
}

status check_ballot_count(int sent, int limit) {
    if (sent < limit)
        return {};
    return std::unexpected(too_many_ballots(limit));
}

} // namespace asamblea::domain
