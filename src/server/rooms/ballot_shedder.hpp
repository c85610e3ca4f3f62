#pragma once
/// The server's side of shedding ballots: the bounds it was started with, the decision for one
/// ballot (domain/ballot_shedding) and how often each bound refused one, for /metrics.

#include "domain/ballot_shedding.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace asamblea::server {

class ballot_shedder {
public:
    explicit ballot_shedder(domain::shed_bounds bounds = {}) : bounds_(bounds) {}

    /// Decides for one new ballot and counts it when shed; any thread (rooms call it on their
    /// strands).
    domain::shed_decision decide(std::size_t writer_queue, std::size_t room_backlog);

    /// The bounds and the counters in the Prometheus text format.
    std::string metrics_text() const;

private:
    domain::shed_bounds bounds_;
    std::atomic<std::uint64_t> shed_writer_queue_{0};
    std::atomic<std::uint64_t> shed_room_backlog_{0};
};

} // namespace asamblea::server
