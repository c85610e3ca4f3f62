#pragma once
/// Use cases of the speakers' queue: a voter asks for the floor or withdraws; the moderator gives
/// it (the next one, or a chosen request), ends a turn, and sets the time each speaker gets.

#include "app/assembly_command.hpp"
#include "domain/assembly/floor_queue.hpp"

#include <cstdint>

namespace asamblea::app {

/// A voter asks for the floor; the event is the new request's id.
command<on_assembly<std::int64_t>> ask_floor(std::int64_t attendee_id);
/// A voter withdraws a waiting request; the event is its id.
command<on_assembly<std::int64_t>> withdraw_floor(std::int64_t attendee_id);

/// The moderator's moves: the domain decides on a fresh copy of the queue, and the write applies
/// that decision only if the rows are still as they were.
command<on_assembly<domain::floor_change>> next_speaker();
command<on_assembly<domain::floor_change>> give_floor(std::int64_t request_id);
command<on_assembly<domain::floor_change>> end_turn(std::int64_t request_id);

command<on_assembly<int>> set_speaker_seconds(int seconds);

} // namespace asamblea::app
