#include "server/rooms/ballot_shedder.hpp"

namespace asamblea::server {

domain::shed_decision ballot_shedder::decide(std::size_t writer_queue, std::size_t room_backlog) {
    auto d = domain::decide_ballot(bounds_, writer_queue, room_backlog);
    if (d.reason == domain::shed_reason::writer_queue)
        shed_writer_queue_.fetch_add(1, std::memory_order_relaxed);
    else if (d.reason == domain::shed_reason::room_backlog)
        shed_room_backlog_.fetch_add(1, std::memory_order_relaxed);
    return d;
}

std::string ballot_shedder::metrics_text() const {
    using domain::shed_reason;
    auto line = [](shed_reason r, std::uint64_t n) {
        return std::string("asamblea_ballots_shed_total{reason=\"") + domain::shed_reason_name(r) +
               "\"} " + std::to_string(n) + "\n";
    };
    return "# HELP asamblea_shed_bound Bounds past which a new ballot is answered busy "
           "(--shed-writer-queue, --shed-room-backlog; 0: off).\n"
           "# TYPE asamblea_shed_bound gauge\n"
           "asamblea_shed_bound{bound=\"writer_queue\"} " +
           std::to_string(bounds_.writer_queue) + "\nasamblea_shed_bound{bound=\"room_backlog\"} " +
           std::to_string(bounds_.room_backlog) +
           "\n# HELP asamblea_ballots_shed_total Ballots answered busy (not written; the phone "
           "sends them again), by the bound they met.\n"
           "# TYPE asamblea_ballots_shed_total counter\n" +
           line(shed_reason::writer_queue, shed_writer_queue_.load()) +
           line(shed_reason::room_backlog, shed_room_backlog_.load());
}

} // namespace asamblea::server
