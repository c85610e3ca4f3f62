#include "app/committee_outcome.hpp"

#include "domain/committee.hpp"
#include "domain/committee_outcome.hpp"
#include "store/assembly_repo.hpp"
#include "store/attendee_repo.hpp"
#include "store/invitation_repo.hpp"
#include "store/member_repo.hpp"
#include "store/user_repo.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::app {
namespace {

using outcome = domain::committee_outcome;

// The newest earlier committee, as a ratification would copy it.
struct previous_committee {
    int term = 0;
    std::vector<domain::committee_seat> seats;
};

previous_committee read_previous(SQLite::Database& db, const std::string& clues, int term) {
    previous_committee out;
    auto previous = store::latest_term(db, clues, term - 1);
    if (!previous)
        return out;
    out.term = *previous;
    for (const auto& m : store::list_committee(db, clues, *previous))
        out.seats.push_back({m.role, m.seat, m.nombre, m.sexo, m.attendee_id, m.id, m.user_id});
    return out;
}

// A replaced member's login stops working once no member holds it (a ratified copy keeps it).
void disable_orphan_logins(store::write_context& w, const std::string& clues,
                           const std::vector<std::int64_t>& voided) {
    for (auto user : store::logins_without_member(w.db(), voided))
        store::disable_user(w, user, clues, "committee_member_replaced");
}

} // namespace

void write_committee_outcome(store::write_context& w, const std::string& clues,
                             const store::round_row& round, const domain::round_result& result) {
    auto term = store::assembly_edition(w.db(), round.assembly_id);
    if (!term)
        return;
    previous_committee previous;
    if (domain::ratification_passed(round.spec, result))
        previous = read_previous(w.db(), clues, *term);
    auto change = domain::committee_outcome_of(round.spec, result, previous.seats);
    if (change.kind == outcome::change::none)
        return;
    bool elected = change.kind == outcome::change::elect_role;
    // An election replaces its role's members; a ratification the whole term.
    auto voided = store::void_members(w, clues, *term, elected ? change.role : "");
    for (auto id : voided) // a replaced member's unused code stops working
        store::void_open_invitations(w, id);
    store::member_origin origin{clues, *term, round.id, elected ? "eleccion" : "ratificacion"};
    nlohmann::json members = nlohmann::json::array();
    for (auto seat : change.seats) {
        // An option naming someone who is not an attendee of this assembly names no one.
        if (elected && seat.attendee_id > 0 &&
            !store::find_attendee(w.db(), round.assembly_id, seat.attendee_id))
            seat.attendee_id = 0;
        auto id = store::insert_member(w, origin, seat);
        if (elected)
            members.push_back({{"member_id", id},
                               {"seat", seat.seat},
                               {"attendee_id", seat.attendee_id},
                               {"nombre", seat.nombre}});
        else
            members.push_back({{"member_id", id},
                               {"from", seat.ratified_from},
                               {"role", seat.role},
                               {"seat", seat.seat}});
    }
    disable_orphan_logins(w, clues, voided);
    if (elected)
        w.audit("committee.elected", clues,
                {{"round_id", round.id},
                 {"term", *term},
                 {"role", change.role},
                 {"members", members},
                 {"replaced", voided}});
    else
        w.audit("committee.ratified", clues,
                {{"round_id", round.id},
                 {"term", *term},
                 {"from_term", previous.term},
                 {"members", members},
                 {"replaced", voided}});
}

} // namespace asamblea::app
