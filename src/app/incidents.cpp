#include "app/incidents.hpp"

#include "domain/assembly/incident.hpp"

namespace asamblea::app {
namespace {

// The state allows it and the acta still has room: checked when prepared and inside the write.
domain::status incidents_open(SQLite::Database& db, const store::assembly_row& a) {
    if (auto ok = domain::require_incidents_open(a.state); !ok)
        return ok;
    return domain::check_incident_room(static_cast<std::size_t>(store::count_incidents(db, a.id)));
}

} // namespace

command<on_assembly<noted_incident>> note_incident(std::int64_t user_id, std::string text) {
    return assembly_command<noted_incident>(
        incidents_open,
        [text = std::move(text)](SQLite::Database&,
                                 const store::assembly_row&) -> domain::result<noted_incident> {
            auto cleaned = domain::check_incident_text(text);
            if (!cleaned)
                return std::unexpected(cleaned.error());
            return noted_incident{std::move(*cleaned), 0};
        },
        [user_id](store::write_context& w, const store::assembly_row& a,
                  noted_incident& n) -> domain::status {
            n.id = store::insert_incident(w, a.clues, a.id, n.text, user_id);
            return {};
        });
}

domain::result<std::vector<store::incident_row>> read_incidents(SQLite::Database& db,
                                                                const std::string& clues) {
    auto a = current_assembly(db, clues);
    if (!a)
        return std::unexpected(a.error());
    return store::list_incidents(db, a->id);
}

} // namespace asamblea::app
