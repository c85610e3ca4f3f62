#include "app/assembly_record.hpp"

#include "store/attendee_repo.hpp"

#include <algorithm>

namespace asamblea::app {

domain::result<assembly_record> read_assembly_record(SQLite::Database& db, const std::string& clues,
                                                     std::optional<int> edition) {
    assembly_record r;
    r.editions = store::list_assemblies(db, clues);
    auto pick = r.editions.end();
    if (edition)
        pick = std::find_if(r.editions.begin(), r.editions.end(),
                            [&](const auto& a) { return a.edition == *edition; });
    else {
        pick = std::find_if(r.editions.begin(), r.editions.end(), [](const auto& a) {
            return a.state == domain::assembly_state::cerrada;
        });
        if (pick == r.editions.end())
            pick = r.editions.begin();
    }
    if (pick == r.editions.end())
        return domain::fail(domain::error_kind::not_found, "no_assembly",
                            edition ? "Esta unidad no tuvo asamblea en " +
                                          std::to_string(*edition) + "."
                                    : std::string("Esta unidad todavía no tiene asamblea."),
                            edition ? "edition" : "");
    r.assembly = *pick;
    r.attendance = store::count_attendance(db, r.assembly.id);
    r.quorum_met = domain::quorum_met(r.attendance, r.assembly.quorum_min);
    for (auto& round : store::list_rounds(db, r.assembly.id))
        if (round.status == domain::round_status::cerrada)
            r.rounds.push_back(std::move(round));
    for (auto& m : store::list_committee(db, clues, r.assembly.edition))
        if (m.revealed)
            r.committee.push_back(std::move(m));
    return r;
}

} // namespace asamblea::app
