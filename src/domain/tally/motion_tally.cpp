#include "domain/tally/motion_tally.hpp"

namespace asamblea::domain {

namespace {

std::string plural(std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string counts(const motion_tally& t) {
    return plural(t.votes.yes, "a favor", "a favor") + ", " +
           plural(t.votes.no, "en contra", "en contra") + " y " +
           plural(t.votes.abstain, "abstención", "abstenciones") + " (" +
           plural(t.valid, "voto válido", "votos válidos") + ")";
}

} // namespace

result<motion_tally> tally_motion(const motion_votes& votes, std::int64_t present,
                                  std::int64_t required) {
    // Counts come from tallied ballots and attendance; bounding them keeps the sum exact.
    constexpr std::int64_t limit = 1'000'000'000;
    if (votes.yes < 0 || votes.no < 0 || votes.abstain < 0 || votes.yes > limit ||
        votes.no > limit || votes.abstain > limit)
        return fail(error_kind::invalid, "motion_votes_out_of_range",
                    "Los conteos de votos deben ser números entre cero y mil millones.", "votes");
    if (present < 0 || required < 0)
        return fail(error_kind::invalid, "quorum_out_of_range",
                    "La asistencia y el quórum no pueden ser negativos.", "quorum");
    motion_tally t;
    t.votes = votes;
    t.valid = votes.yes + votes.no + votes.abstain;
    t.present = present;
    t.required = required;
    if (present < required)
        t.outcome = motion_outcome::no_quorum;
    else
        t.outcome = votes.yes > votes.no ? motion_outcome::approved : motion_outcome::rejected;
    return t;
}

std::string explain(const motion_tally& t) {
    switch (t.outcome) {
    case motion_outcome::no_quorum:
        return "Sin quórum: había " +
               plural(t.present, "asistente presente", "asistentes presentes") +
               " y se requieren " + std::to_string(t.required) + "; la votación no es válida.";
    case motion_outcome::approved:
        return "Aprobada: " + counts(t) + ".";
    case motion_outcome::rejected:
        if (t.votes.yes == t.votes.no)
            return "Rechazada por empate: " + counts(t) +
                   ". Se necesitan más votos a favor que en contra.";
        return "Rechazada: " + counts(t) + ".";
    }
    return {};
}

} // namespace asamblea::domain
