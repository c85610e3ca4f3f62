#pragma once
// Runs an app::command the way a room does, synchronously: prepare against the hot state with a
// pooled connection, persist through the writer, apply (or abandon), then reload the state.

#include "app/command.hpp"
#include "app/hot_state.hpp"
#include "store/store.hpp"

#include <string>

namespace asamblea::test {

template <class Event>
domain::result<Event> run_command(store::store& s, const std::string& clues, app::hot_state& state,
                                  app::command<Event> cmd) {
    {
        auto db = s.readers().acquire();
        if (!state.loaded())
            state.load(*db, clues);
    }
    domain::result<Event> prepared = [&] {
        app::scope scope{clues, state, s.readers()};
        return cmd.prepare(scope);
    }();
    if (!prepared)
        return prepared;
    auto committed =
        s.writer().run([&](store::write_context& w) { return cmd.persist(w, clues, *prepared); });
    if (!committed) {
        if (cmd.abandon)
            cmd.abandon(state);
        return std::unexpected(committed.error());
    }
    auto next = cmd.apply ? cmd.apply(state, *prepared) : app::after_commit{};
    if (next.reload) {
        auto db = s.readers().acquire();
        state.load(*db, clues);
        state.reload_round(*db);
    }
    if (cmd.finish)
        cmd.finish(*prepared);
    return prepared;
}

} // namespace asamblea::test
