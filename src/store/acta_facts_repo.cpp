#include "store/acta_facts_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

attendance_by_sex count_attendance_by_sex(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT a.sexo, count(*) FROM attendees a WHERE a.assembly_id = ? "
                            "AND EXISTS (SELECT 1 FROM credentials c WHERE c.attendee_id = a.id "
                            "AND c.status = 'activa') GROUP BY a.sexo");
    q.bind(1, static_cast<int64_t>(assembly_id));
    attendance_by_sex out;
    while (q.executeStep()) {
        auto sexo = q.getColumn(0).getString();
        auto n = q.getColumn(1).getInt64();
        if (sexo == "mujer")
            out.mujer = n;
        else if (sexo == "hombre")
            out.hombre = n;
        else
            out.otro += n;
    }
    return out;
}

std::vector<state_change_row> list_state_changes(SQLite::Database& db, std::string_view clues,
                                                 std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT at, json_extract(payload, '$.from'), "
                            "json_extract(payload, '$.to') FROM audit_events WHERE "
                            "type = 'assembly.transition' AND clues = ? AND "
                            "json_extract(payload, '$.assembly_id') = ? ORDER BY seq");
    q.bind(1, std::string(clues));
    q.bind(2, static_cast<int64_t>(assembly_id));
    std::vector<state_change_row> out;
    while (q.executeStep())
        out.push_back(
            {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    return out;
}

std::vector<acting_staff_row> list_acting_staff(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(
        db, "WITH acts (user_id, at) AS ("
            " SELECT registered_by, registered_at FROM attendees"
            "  WHERE assembly_id = ?1 AND registered_by IS NOT NULL"
            " UNION ALL SELECT nominated_by_user, created_at FROM nominations"
            "  WHERE assembly_id = ?1 AND nominated_by_user IS NOT NULL"
            " UNION ALL SELECT user_id, at FROM assembly_incidents"
            "  WHERE assembly_id = ?1 AND user_id IS NOT NULL) "
            "SELECT u.id, u.username, u.role FROM acts JOIN users u ON u.id = acts.user_id "
            "GROUP BY u.id ORDER BY min(acts.at), u.id");
    q.bind(1, static_cast<int64_t>(assembly_id));
    std::vector<acting_staff_row> out;
    while (q.executeStep())
        out.push_back(
            {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    return out;
}

} // namespace asamblea::store
