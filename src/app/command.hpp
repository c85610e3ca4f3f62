#pragma once
/// The one shape of every write to a clinic's assembly. A room runs each command the same way:
///   prepare  on the room's strand, against the hot state (and a pooled read connection);
///   persist  on the writer's thread, inside its batch; the final word on every rule;
///   apply    on the strand after the commit, before the snapshot goes out.
/// A failure at any step skips the rest and reaches the caller as an error value.

#include "app/hot_state.hpp"
#include "domain/error.hpp"
#include "store/read_pool.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace asamblea::store {
class ballot_keys;
}

namespace asamblea::app {

/// What a command sees while it is prepared on the strand.
class scope {
public:
    scope(const std::string& clues, hot_state& state, store::read_pool& readers)
        : clues(clues), state(state), readers_(readers) {}

    const std::string& clues;
    hot_state& state; // prepare may reserve (a close marks the round closing); abandon undoes

    /// A pooled read connection, leased on first use: a ballot is prepared without one.
    SQLite::Database& db() {
        if (!lease_)
            lease_.emplace(readers_.acquire());
        return **lease_;
    }

private:
    store::read_pool& readers_;
    std::optional<store::read_pool::lease> lease_;
};

/// What the room does once a command has committed and applied.
struct after_commit {
    enum class countdown_change { keep, arm, stop };
    countdown_change countdown = countdown_change::keep;
    std::int64_t round_id = 0;                         // the countdown's round
    std::chrono::system_clock::time_point closes_at{}; // when arm
    bool reload = true; // false: only counted ballots changed (apply did it), a cheap push
};

template <class Event> struct command {
    using event_type = Event;
    std::function<domain::result<Event>(scope&)> prepare;
    /// Gets the clinic's CLUES, as prepare did through its scope.
    std::function<domain::status(store::write_context&, const std::string&, Event&)> persist;
    /// Optional: the hot state after commit, and what the room does next.
    std::function<after_commit(hot_state&, const Event&)> apply;
    /// Optional: undoes what prepare reserved when persist or the queue refused.
    std::function<void(hot_state&)> abandon;
    /// Optional: slow work after a success (a key file's fsync), on the thread that waited for
    /// the command, never on the strand that every clinic shares.
    std::function<void(const Event&)> finish;
};

} // namespace asamblea::app
