#include "server/api/assembly_access.hpp"

#include "server/views/assembly_json.hpp"
#include "store/attendee_repo.hpp"
#include "store/store.hpp"

namespace asamblea::server {

domain::result<store::assembly_row> checked_assembly_command(
    app_context& ctx, const std::string& clues, assembly_check check,
    std::function<domain::status(store::write_context&, const store::assembly_row&)> act) {
    struct no_event {};
    auto done = checked_assembly_command<no_event>(
        ctx, clues, std::move(check), nullptr,
        [act = std::move(act)](store::write_context& w, const store::assembly_row& a, no_event&) {
            return act(w, a);
        });
    if (!done)
        return std::unexpected(done.error());
    return std::move(done->a);
}

domain::result<domain::clinic> find_clinic(app_context& ctx, const std::string& clues) {
    auto db = ctx.store.readers().acquire();
    return app::find_clinic(*db, clues);
}

nlohmann::json assembly_view(SQLite::Database& db, const store::assembly_row& a) {
    return to_json(a, store::count_attendance(db, a.id));
}

} // namespace asamblea::server
