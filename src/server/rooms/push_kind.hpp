#pragma once
/// What a message queued for one WebSocket is, which decides whether a newer one may take its
/// place while a slow client has not read it yet (server/ws/outbox).

namespace asamblea::server {

enum class push_kind {
    /// An answer or an event (welcome, ack, error, pong): always sent, in order.
    reply,
    /// The room's whole view: a newer snapshot makes every older snapshot and progress message
    /// still queued redundant.
    snapshot,
    /// Only the ballot figures of the current round (docs/api.md «WebSocket»), applied by the
    /// client on top of the last snapshot it has: a newer progress message right behind it makes
    /// it redundant; it never stands for a snapshot.
    progress,
};

} // namespace asamblea::server
