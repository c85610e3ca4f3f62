#pragma once
/// What the assembly handlers share: the clinic in the path, who is acting, the current assembly,
/// and running a command through the clinic's room.

#include "domain/clinic.hpp"
#include "domain/error.hpp"
#include "domain/staff.hpp"
#include "server/api/app_context.hpp"
#include "server/http/http_types.hpp"
#include "server/rooms/room_registry.hpp"
#include "store/assembly_repo.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>

namespace asamblea::server {

/// The normalized CLUES of the path; not_found when it is malformed.
domain::result<std::string> path_clues(const request& req);

/// A positive integer path parameter; not_found when malformed.
domain::result<std::int64_t> path_id(const request& req, const char* name);

/// The clinic; not_found when unknown.
domain::result<domain::clinic> find_clinic(app_context& ctx, const std::string& clues);

/// The staff member behind the bearer token, allowed one of the roles on the clinic.
domain::result<domain::principal> staff(app_context& ctx, const request& req,
                                        std::initializer_list<domain::role> roles,
                                        const std::string& clues);

/// "M": a moderator of the clinic, or a coordinator covering it.
domain::result<domain::principal> moderator(app_context& ctx, const request& req,
                                            const std::string& clues);

/// What an "M" route acts on: the path's clinic, the moderator, and the path's `{id}` when asked.
struct moderated_target {
    std::string clues;
    domain::principal who;
    std::int64_t id = 0;
};

/// The path's CLUES, then a moderator of it (or a coordinator covering it), in that order.
domain::result<moderated_target> moderated(app_context& ctx, const request& req);

/// The same, then the path's `{id}`.
domain::result<moderated_target> moderated_with_id(app_context& ctx, const request& req);

/// The clinic's current assembly (its newest edition); not_found (no_assembly) when none.
domain::result<store::assembly_row> current_assembly(SQLite::Database& db,
                                                     const std::string& clues);

/// Inside a write: the current assembly again, refused when it is no longer `seen` (a newer
/// edition was created meanwhile).
domain::result<store::assembly_row> still_current(SQLite::Database& db,
                                                  const store::assembly_row& seen);

/// The assembly as JSON with its live attendance.
nlohmann::json assembly_view(SQLite::Database& db, const store::assembly_row& a);

/// Runs a command through the clinic's room: prepare reads with a pooled connection on the
/// room's strand, persist writes inside the writer's batch. Blocks until committed; never hold
/// a read lease while calling it (prepare needs one).
template <class Event>
domain::result<Event>
room_command(app_context& ctx, const std::string& clues,
             std::function<domain::result<Event>(SQLite::Database&)> prepare,
             std::function<domain::status(store::write_context&, Event&)> persist) {
    auto room = ctx.rooms.get(clues);
    return room->template command_sync<Event>(
        [&prepare, &room]() -> domain::result<Event> {
            auto db = room->db().readers().acquire();
            return prepare(*db);
        },
        std::move(persist), [](const Event&) {});
}

/// What a checked assembly command carries from its prepare step to its write.
template <class Event> struct assembly_event {
    store::assembly_row a; // the assembly as prepare read it
    Event event;
};

/// A rule a command on the current assembly must meet when prepared and again inside the write.
using assembly_check = std::function<domain::status(SQLite::Database&, const store::assembly_row&)>;

/// Runs a command on the clinic's current assembly through its room. Prepare: the current
/// assembly, `check`, then `prepare` builds the event (a default one when empty). Write: the
/// assembly still current (refused when a newer edition came meanwhile), `check` again (the final
/// word), then `act`. An empty `check` checks nothing.
template <class Event>
domain::result<assembly_event<Event>> checked_assembly_command(
    app_context& ctx, const std::string& clues, assembly_check check,
    std::function<domain::result<Event>(SQLite::Database&, const store::assembly_row&)> prepare,
    std::function<domain::status(store::write_context&, const store::assembly_row&, Event&)> act) {
    return room_command<assembly_event<Event>>(
        ctx, clues,
        [&](SQLite::Database& db) -> domain::result<assembly_event<Event>> {
            auto a = current_assembly(db, clues);
            if (!a)
                return std::unexpected(a.error());
            if (check)
                if (auto ok = check(db, *a); !ok)
                    return std::unexpected(ok.error());
            if (!prepare)
                return assembly_event<Event>{std::move(*a), Event{}};
            auto event = prepare(db, *a);
            if (!event)
                return std::unexpected(event.error());
            return assembly_event<Event>{std::move(*a), std::move(*event)};
        },
        // The write runs on the writer's thread after prepare: it keeps its own copies.
        [check, act = std::move(act)](store::write_context& w,
                                      assembly_event<Event>& e) -> domain::status {
            auto a = still_current(w.db(), e.a);
            if (!a)
                return std::unexpected(a.error());
            if (check)
                if (auto ok = check(w.db(), *a); !ok)
                    return ok;
            return act(w, *a, e.event);
        });
}

/// checked_assembly_command with no event of its own; the assembly as prepare read it.
domain::result<store::assembly_row> checked_assembly_command(
    app_context& ctx, const std::string& clues, assembly_check check,
    std::function<domain::status(store::write_context&, const store::assembly_row&)> act);

} // namespace asamblea::server
