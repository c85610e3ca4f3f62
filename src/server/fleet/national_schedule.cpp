#include "server/fleet/national_schedule.hpp"

#include "app/assemblies.hpp"
#include "server/rooms/room_registry.hpp"
#include "store/schedule_repo.hpp"
#include "store/store.hpp"

#include <vector>

namespace asamblea::server {

nlohmann::json schedule_json(const domain::principal& who, const schedule_request& s) {
    return {{"user_id", who.user_id},
            {"username", who.username},
            {"role", domain::to_string(who.role)},
            {"clinics", who.clinics},
            {"institucion", s.institucion},
            {"entidad", s.entidad},
            {"edition", s.edition},
            {"scheduled_at", s.scheduled_at},
            {"quorum_min", s.quorum_min ? nlohmann::json(*s.quorum_min) : nlohmann::json(nullptr)}};
}

std::pair<domain::principal, schedule_request> schedule_of(const nlohmann::json& j) {
    domain::principal who;
    j.at("user_id").get_to(who.user_id);
    j.at("username").get_to(who.username);
    auto role = domain::parse_role(j.at("role").get<std::string>());
    if (!role)
        throw nlohmann::json::other_error::create(501, "unknown role", &j);
    who.role = *role;
    j.at("clinics").get_to(who.clinics);
    schedule_request s;
    j.at("institucion").get_to(s.institucion);
    j.at("entidad").get_to(s.entidad);
    j.at("edition").get_to(s.edition);
    j.at("scheduled_at").get_to(s.scheduled_at);
    if (!j.at("quorum_min").is_null())
        s.quorum_min = j.at("quorum_min").get<int>();
    return {std::move(who), std::move(s)};
}

nlohmann::json tally_json(const schedule_tally& t) {
    return {
        {"found", t.found}, {"created", t.created}, {"updated", t.updated}, {"skipped", t.skipped}};
}

domain::result<schedule_tally> schedule_own_clinics(app_context& ctx, const domain::principal& who,
                                                    const schedule_request& s) {
    std::vector<std::string> clinics;
    {
        auto db = ctx.store.readers().acquire();
        for (auto& clues : store::clinics_of_institution(*db, s.institucion, s.entidad))
            if (domain::authorize(who, {domain::role::coordinator}, clues))
                clinics.push_back(std::move(clues));
    }
    schedule_tally t;
    t.found = static_cast<int>(clinics.size());
    // One command per clinic, each through its own room, all queued at once so the writer
    // commits them in a few batches.
    auto results = run_each(ctx.rooms, clinics, [&](const std::string&) {
        return app::schedule_clinic(s.edition, s.scheduled_at, s.quorum_min);
    });
    std::optional<domain::error> failure;
    for (auto& r : results) {
        if (!r) {
            failure = r.error();
            continue;
        }
        using outcome = app::clinic_scheduled::outcome;
        (r->result == outcome::created   ? t.created
         : r->result == outcome::updated ? t.updated
                                         : t.skipped)++;
    }
    if (failure)
        return std::unexpected(*failure);
    return t;
}

domain::result<merged<schedule_tally>>
schedule_fleet(app_context& ctx, const domain::principal& who, const schedule_request& s) {
    auto own = schedule_own_clinics(ctx, who, s);
    if (!own)
        return std::unexpected(own.error());
    merged<schedule_tally> out;
    out.value = *own;
    if (!ctx.fleet)
        return out;
    peer_call call;
    call.method = "POST";
    call.target = "/api/fleet/national/schedule";
    call.body = schedule_json(who, s).dump();
    call.timeout = schedule_peer_timeout;
    for (auto& reply : ask_peers(*ctx.fleet, call)) {
        if (!reply.reached || reply.status != 200) {
            note_peer_failure(ctx, reply, reply.reached ? "status" : reply.error);
            out.missing.push_back(reply.shard);
            continue;
        }
        try {
            // Read whole before adding: a reply that does not read adds nothing.
            auto j = nlohmann::json::parse(reply.body);
            schedule_tally t{j.at("found").get<int>(), j.at("created").get<int>(),
                             j.at("updated").get<int>(), j.at("skipped").get<int>()};
            out.value.found += t.found;
            out.value.created += t.created;
            out.value.updated += t.updated;
            out.value.skipped += t.skipped;
        } catch (const nlohmann::json::exception& e) {
            note_peer_failure(ctx, reply, e.what());
            out.missing.push_back(reply.shard);
        }
    }
    return out;
}

} // namespace asamblea::server
