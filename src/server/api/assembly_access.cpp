#include "server/api/assembly_access.hpp"

#include "server/views/assembly_json.hpp"
#include "store/attendee_repo.hpp"
#include "store/store.hpp"

namespace asamblea::server {

domain::result<domain::clinic> find_clinic(app_context& ctx, const std::string& clues) {
    auto db = ctx.store.readers().acquire();
    return app::find_clinic(*db, clues);
}

nlohmann::json assembly_view(SQLite::Database& db, const store::assembly_row& a) {
    return to_json(a, store::count_attendance(db, a.id));
}

} // namespace asamblea::server
