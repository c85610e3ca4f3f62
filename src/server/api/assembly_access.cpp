#include "server/api/assembly_access.hpp"

#include "server/auth/auth_service.hpp"
#include "store/attendee_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/store.hpp"

#include "server/views/assembly_json.hpp"

#include <charconv>

namespace asamblea::server {

domain::result<std::string> path_clues(const request& req) {
    const auto& text = req.params.at("clues");
    auto clues = domain::normalize_clues(text);
    if (!clues)
        return domain::fail(domain::error_kind::not_found, "not_found",
                            "No existe la unidad «" + text + "».", "clues");
    return *clues;
}

domain::result<std::int64_t> path_id(const request& req, const char* name) {
    const auto& text = req.params.at(name);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1)
        return domain::fail(domain::error_kind::not_found, "not_found",
                            "No existe el elemento «" + text + "».", name);
    return value;
}

domain::result<domain::clinic> find_clinic(app_context& ctx, const std::string& clues) {
    auto db = ctx.store.readers().acquire();
    auto clinic = store::find_clinic(*db, clues);
    if (!clinic)
        return domain::fail(domain::error_kind::not_found, "not_found",
                            "No existe la unidad «" + clues + "».", "clues");
    return *clinic;
}

domain::result<domain::principal> staff(app_context& ctx, const request& req,
                                        std::initializer_list<domain::role> roles,
                                        const std::string& clues) {
    auto who = ctx.auth.authenticate(req.bearer());
    if (!who)
        return who;
    if (auto ok = domain::authorize(*who, roles, clues); !ok)
        return std::unexpected(ok.error());
    return who;
}

domain::result<domain::principal> moderator(app_context& ctx, const request& req,
                                            const std::string& clues) {
    return staff(ctx, req, {domain::role::moderator, domain::role::coordinator}, clues);
}

domain::result<moderated_target> moderated(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return std::unexpected(clues.error());
    auto who = moderator(ctx, req, *clues);
    if (!who)
        return std::unexpected(who.error());
    return moderated_target{std::move(*clues), std::move(*who), 0};
}

domain::result<moderated_target> moderated_with_id(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return target;
    auto id = path_id(req, "id");
    if (!id)
        return std::unexpected(id.error());
    target->id = *id;
    return target;
}

domain::result<store::assembly_row> current_assembly(SQLite::Database& db,
                                                     const std::string& clues) {
    auto a = store::latest_assembly(db, clues);
    if (!a)
        return domain::fail(domain::error_kind::not_found, "no_assembly",
                            "Esta unidad todavía no tiene una asamblea convocada.");
    return *a;
}

domain::result<store::assembly_row> still_current(SQLite::Database& db,
                                                  const store::assembly_row& seen) {
    auto a = store::latest_assembly(db, seen.clues);
    if (!a || a->id != seen.id)
        return domain::fail(domain::error_kind::conflict, "assembly_changed",
                            "La asamblea cambió mientras tanto. Actualice la página.");
    return *a;
}

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

nlohmann::json assembly_view(SQLite::Database& db, const store::assembly_row& a) {
    return to_json(a, store::count_attendance(db, a.id));
}

} // namespace asamblea::server
