#pragma once
/// What the acta reads beyond the assembly's record: attendance by sex, the state changes with
/// their times (from the audit chain) and the staff who acted in the assembly.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::store {

/// Attendees holding an active credential (who count for attendance), by the sex recorded at
/// check-in.
struct attendance_by_sex {
    std::int64_t mujer = 0;
    std::int64_t hombre = 0;
    std::int64_t otro = 0;
};
attendance_by_sex count_attendance_by_sex(SQLite::Database& db, std::int64_t assembly_id);

/// One change of the assembly's state, as its clinic's chain recorded it.
struct state_change_row {
    std::string at; // UTC ISO 8601
    std::string from;
    std::string to;
};
/// The assembly's state changes, oldest first.
std::vector<state_change_row> list_state_changes(SQLite::Database& db, std::string_view clues,
                                                 std::int64_t assembly_id);

/// A staff member who acted in the assembly: checked someone in, nominated a candidate or noted
/// an incident.
struct acting_staff_row {
    std::int64_t user_id = 0;
    std::string username;
    std::string role; // "moderator", "coordinator" or "committee"
};
/// Who acted, in the order of their first action.
std::vector<acting_staff_row> list_acting_staff(SQLite::Database& db, std::int64_t assembly_id);

} // namespace asamblea::store
