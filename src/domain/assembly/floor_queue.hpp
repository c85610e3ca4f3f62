#pragma once
/// The speakers' queue: attendees ask for the floor, the moderator gives it in order (or to a
/// chosen one) and ends each turn; a person has at most one open request.

#include "domain/error.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace asamblea::domain {

inline constexpr int default_speaker_seconds = 120;
inline constexpr int min_speaker_seconds = 15;
inline constexpr int max_speaker_seconds = 1800;

/// The per-speaker time must be between min_speaker_seconds and max_speaker_seconds.
status check_speaker_seconds(int seconds);

/// One request for the floor.
struct floor_entry {
    std::int64_t id = 0;
    std::int64_t attendee_id = 0;
};

/// What a moderator's action does: whose turn ends and who gets the floor.
struct floor_change {
    std::optional<std::int64_t> ended;
    std::optional<std::int64_t> started;
};

class floor_queue {
public:
    floor_queue() = default;
    floor_queue(std::optional<floor_entry> current, std::vector<floor_entry> waiting)
        : current_(current), waiting_(std::move(waiting)) {}

    const std::optional<floor_entry>& current() const { return current_; }
    const std::vector<floor_entry>& waiting() const { return waiting_; }

    /// Conflict when the attendee is already waiting or speaking.
    status can_ask(std::int64_t attendee_id) const;
    /// Queues the request at the end, after can_ask.
    status ask(floor_entry entry);
    /// Takes the attendee's waiting request out of the queue and returns its id.
    result<std::int64_t> withdraw(std::int64_t attendee_id);
    /// Ends the current turn and gives the floor to the first one waiting.
    result<floor_change> next();
    /// Ends the current turn and gives the floor to a chosen waiting request.
    result<floor_change> give(std::int64_t request_id);
    /// Ends the turn of the request that has the floor.
    result<floor_change> done(std::int64_t request_id);

private:
    std::optional<floor_entry> current_;
    std::vector<floor_entry> waiting_;
};

} // namespace asamblea::domain
