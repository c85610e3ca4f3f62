#pragma once
/// Requests from this shard to the others of its fleet (national views, rules across clinics,
/// logins): stamped with the fleet key, sent to every peer at once, each bounded by a time-out,
/// so one shard that is down costs the caller that time-out and nothing more.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::server {

class fleet;

/// What one peer answered, or why it did not.
struct peer_reply {
    std::string shard;
    bool reached = false; // a whole HTTP response came back in time
    unsigned status = 0;
    std::string body;
    std::string error; // why not reached (connection refused, time-out, …), in English for logs
};

struct peer_call {
    std::string method = "GET";
    std::string target; // path and query, ASCII only: the stamp covers it as sent
    std::string body;
    std::string content_type = "application/json";
    std::chrono::milliseconds timeout{2000}; // for the whole exchange with each peer
};

/// Largest answer read from a peer (a national view of every clinic of a shard fits).
inline constexpr std::size_t peer_reply_limit = 32u << 20;

/// Sends the call to each named shard (every peer when `shards` is empty) in parallel on the
/// calling thread and returns one reply per shard, in the map's order.
std::vector<peer_reply> ask_peers(const fleet& f, const peer_call& call,
                                  const std::vector<std::string>& shards = {});

} // namespace asamblea::server
