#pragma once
/// Runs an app::command for the demo seeder the way a clinic's room does, synchronously.

#include "app/command.hpp"
#include "app/hot_state.hpp"
#include "store/store.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace asamblea::cli {

/// One clinic's hot state and the store; the seeder runs every command of that clinic through
/// it, so the demo's records and audit events are the ones a live assembly would write.
class demo_room {
public:
    demo_room(store::store& s, std::string clues) : store_(s), clues_(std::move(clues)) {}

    /// Prepare against the hot state, persist through the writer, apply (or abandon), then
    /// reload the state when the command asks for it: the room's order, without its strand.
    template <class Event> domain::result<Event> run(app::command<Event> cmd) {
        {
            auto db = store_.readers().acquire();
            if (!state_.loaded())
                state_.load(*db, clues_);
        }
        domain::result<Event> prepared = [&] {
            app::scope scope{clues_, state_, store_.readers()};
            return cmd.prepare(scope);
        }();
        if (!prepared)
            return prepared;
        auto committed = store_.writer().run(
            [&](store::write_context& w) { return cmd.persist(w, clues_, *prepared); });
        if (!committed) {
            if (cmd.abandon)
                cmd.abandon(state_);
            return std::unexpected(committed.error());
        }
        auto next = cmd.apply ? cmd.apply(state_, *prepared) : app::after_commit{};
        if (next.reload) {
            auto db = store_.readers().acquire();
            state_.load(*db, clues_);
            state_.reload_round(*db);
        }
        if (cmd.finish)
            cmd.finish(*prepared);
        return prepared;
    }

    store::store& db() { return store_; }
    const std::string& clues() const { return clues_; }
    app::hot_state& state() { return state_; }

private:
    store::store& store_;
    std::string clues_;
    app::hot_state state_;
};

/// The value of a demo step that must succeed; a failure stops the seeder with its message and
/// what was being done.
template <class T> T must(domain::result<T> r, const std::string& what) {
    if (!r)
        throw std::runtime_error(what + ": " + r.error().message);
    return std::move(*r);
}

inline void must(const domain::status& r, const std::string& what) {
    if (!r)
        throw std::runtime_error(what + ": " + r.error().message);
}

} // namespace asamblea::cli
