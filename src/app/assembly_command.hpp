#pragma once
/// The shape of most commands: one on the clinic's current assembly, whose rule is checked when
/// prepared (a quick answer) and again inside the write (the final word), and whose write is
/// refused when a newer edition was created meanwhile.

#include "app/assembly_lookup.hpp"
#include "app/command.hpp"

#include <functional>

namespace asamblea::app {

/// What a command on the current assembly carries from prepare to its write.
template <class Event> struct on_assembly {
    store::assembly_row assembly; // as prepare read it; the write reads it again
    Event event;
};

/// A rule the command must meet when prepared and again inside the write.
using assembly_rule = std::function<domain::status(SQLite::Database&, const store::assembly_row&)>;

template <class Event>
using assembly_decision =
    std::function<domain::result<Event>(SQLite::Database&, const store::assembly_row&)>;

template <class Event>
using assembly_write =
    std::function<domain::status(store::write_context&, const store::assembly_row&, Event&)>;

/// Prepare: the current assembly, `rule`, then `decide` builds the event (a default one when
/// empty). Persist: the assembly still current, `rule` again, then `write`. An empty `rule`
/// checks nothing.
template <class Event>
command<on_assembly<Event>> assembly_command(assembly_rule rule, assembly_decision<Event> decide,
                                             assembly_write<Event> write) {
    command<on_assembly<Event>> cmd;
    cmd.prepare = [rule,
                   decide = std::move(decide)](scope& s) -> domain::result<on_assembly<Event>> {
        auto a = current_assembly(s.db(), s.clues);
        if (!a)
            return std::unexpected(a.error());
        if (rule)
            if (auto ok = rule(s.db(), *a); !ok)
                return std::unexpected(ok.error());
        if (!decide)
            return on_assembly<Event>{std::move(*a), Event{}};
        auto event = decide(s.db(), *a);
        if (!event)
            return std::unexpected(event.error());
        return on_assembly<Event>{std::move(*a), std::move(*event)};
    };
    cmd.persist = [rule, write = std::move(write)](store::write_context& w, const std::string&,
                                                   on_assembly<Event>& e) -> domain::status {
        auto a = still_current(w.db(), e.assembly);
        if (!a)
            return std::unexpected(a.error());
        if (rule)
            if (auto ok = rule(w.db(), *a); !ok)
                return ok;
        return write(w, *a, e.event);
    };
    return cmd;
}

} // namespace asamblea::app
