#pragma once
/// The WebSocket protocol: hello, ballots, visibility and pings, validated against
/// schemas/ws_*.json and routed to the clinic's room. Called on each connection's strand.

#include "domain/error.hpp"
#include "server/api/app_context.hpp"
#include "server/ws/ws_message.hpp"
#include "server/ws/ws_peer.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace asamblea::server {

class ws_protocol {
public:
    explicit ws_protocol(app_context& ctx) : ctx_(ctx) {}

    void on_message(ws_peer& peer, std::string_view text);

    /// Whether `/ws/c/{clues}` names a clinic served here (room_registry::clinic_here: the
    /// upgrade answers 404 or 421 otherwise, and a hello on such a clinic is refused): no room is
    /// made for an unknown clinic or another shard's.
    domain::status clinic_here(const std::string& clues) const;

private:
    void hello(ws_peer& peer, hello_message msg);
    void ballot(ws_peer& peer, ballot_message msg);
    void visibility(ws_peer& peer, bool hidden);

    app_context& ctx_;
};

/// Sends one message to the peer (not replaceable).
void send_to(const ws_peer& peer, const nlohmann::json& msg);

} // namespace asamblea::server
