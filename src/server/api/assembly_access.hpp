#pragma once
/// What the assembly handlers share: the path's parameters, who is acting, and (until every area
/// has its use cases in src/app) the generic commands on the clinic's current assembly.
/// TRANSITIONAL: room_command and checked_assembly_command go once attendees, proposals, floor
/// and committee are app:: commands.

#include "app/assembly_lookup.hpp"
#include "app/command.hpp"
#include "server/api/access.hpp"
#include "server/api/path_params.hpp"
#include "server/rooms/room_registry.hpp"

#include <functional>

namespace asamblea::server {

using app::current_assembly;
using app::still_current;

/// The clinic of the path; not_found when unknown.
domain::result<domain::clinic> find_clinic(app_context& ctx, const std::string& clues);

/// The assembly as JSON with its live attendance.
nlohmann::json assembly_view(SQLite::Database& db, const store::assembly_row& a);

/// Runs a command through the clinic's room: prepare reads with a pooled connection on the
/// room's strand, persist writes inside the writer's batch. Blocks until committed.
template <class Event>
domain::result<Event>
room_command(app_context& ctx, const std::string& clues,
             std::function<domain::result<Event>(SQLite::Database&)> prepare,
             std::function<domain::status(store::write_context&, Event&)> persist) {
    app::command<Event> cmd;
    cmd.prepare = [prepare = std::move(prepare)](app::scope& s) { return prepare(s.db()); };
    cmd.persist = [persist = std::move(persist)](store::write_context& w, const std::string&,
                                                 Event& e) { return persist(w, e); };
    return ctx.rooms.get(clues)->run_sync(std::move(cmd));
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
