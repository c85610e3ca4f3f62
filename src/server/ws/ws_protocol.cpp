#include "server/ws/ws_protocol.hpp"

#include "domain/assembly/credential_code.hpp"
#include "domain/clinic.hpp"
#include "server/auth/auth_service.hpp"
#include "server/auth/voter_auth.hpp"
#include "server/error_mapping.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/views/ballot_ack.hpp"
#include "server/views/round_json.hpp"

namespace asamblea::server {
namespace {

constexpr int max_refused = 20; // a client this broken is closed rather than answered forever

// The same body as HTTP's, with the message type first.
nlohmann::json error_message(const domain::error& e) {
    auto msg = error_body(e);
    msg["type"] = "error";
    return msg;
}

} // namespace

void send_to(const ws_peer& peer, const nlohmann::json& msg) {
    if (auto out = peer.out.lock())
        out->deliver(std::make_shared<const std::string>(msg.dump()), push_kind::reply);
}

void ws_protocol::on_message(ws_peer& peer, std::string_view text) {
    auto refuse = [&](const domain::error& e) {
        send_to(peer, error_message(e));
        if (++peer.refused >= max_refused)
            peer.close();
    };
    auto msg = read_ws_message(ctx_.schemas, text);
    if (!msg)
        return refuse(msg.error());
    if (std::holds_alternative<ping_message>(*msg))
        return send_to(peer, {{"type", "pong"}});
    if (auto* hi = std::get_if<hello_message>(&*msg))
        return hello(peer, std::move(*hi));
    if (!peer.greeted)
        return refuse(
            {domain::error_kind::unauthorized, "hello_first", "Primero envíe «hello».", "", 0});
    if (auto* b = std::get_if<ballot_message>(&*msg))
        return ballot(peer, std::move(*b));
    if (auto* v = std::get_if<visibility_message>(&*msg))
        return visibility(peer, v->hidden);
}

void ws_protocol::visibility(ws_peer& peer, bool hidden) {
    auto out = peer.out.lock();
    if (!out)
        return;
    bool was_hidden = out->hidden();
    out->set_hidden(hidden);
    // Only voters' phones are held back while hidden; shown again, one catches up at once.
    if (was_hidden && !hidden && peer.voter && peer.room)
        peer.room->voter_visible(peer.out);
}

domain::status ws_protocol::clinic_here(const std::string& clues) const {
    return ctx_.rooms.clinic_here(clues);
}

void ws_protocol::hello(ws_peer& peer, hello_message msg) {
    if (peer.greeted)
        return send_to(peer, error_message({domain::error_kind::conflict, "already_greeted",
                                            "Ya se presentó en esta conexión.", "", 0}));
    // No room, and no credential check, for a clinic that does not exist.
    if (auto here = ctx_.rooms.clinic_here(peer.clues); !here) {
        send_to(peer, error_message(here.error()));
        peer.close();
        return;
    }
    std::string role = "public";
    std::string nombre;
    if (msg.credential) {
        auto voter = authenticate_voter(ctx_, peer.clues, *msg.credential, peer.remote);
        if (!voter) {
            send_to(peer, error_message(voter.error()));
            peer.close();
            return;
        }
        peer.voter = voter->ids();
        nombre = std::move(voter->nombre); // for the welcome only
        role = "voter";
    } else if (msg.token) {
        // On the io thread: no shadow row is written here (nothing is recorded by a hello).
        auto who = ctx_.auth.authenticate(*msg.token, auth_service::shadow_rows::skip);
        domain::status allowed =
            who ? domain::authorize(
                      *who,
                      {domain::role::moderator, domain::role::coordinator, domain::role::committee},
                      peer.clues)
                : domain::status(std::unexpected(who.error()));
        if (!allowed) {
            send_to(peer, error_message(allowed.error()));
            peer.close();
            return;
        }
        role = "staff";
    }
    peer.greeted = true;
    // A phone reconnecting in the background says so at once: no catch-up snapshot until shown.
    if (msg.hidden)
        if (auto out = peer.out.lock())
            out->set_hidden(true);
    peer.room = ctx_.rooms.get(peer.clues);
    std::uint64_t known = msg.version;
    // A phone back after a disconnect says it still holds an unacknowledged ballot; its resend
    // follows the welcome. Until it is stored, a close waits for it (within the grace).
    std::int64_t pending_round = peer.voter ? msg.pending_round_id : 0;
    std::string pending_uid = std::move(msg.pending_ballot_id);
    auto room = peer.room;
    auto out = peer.out;
    auto voter = peer.voter;
    auto session = peer.id;
    boost::asio::post(room->strand(), [room, out, voter, role, known, pending_round, session,
                                       nombre = std::move(nombre),
                                       pending_uid = std::move(pending_uid)] {
        room->ensure_loaded();
        nlohmann::json welcome = {{"type", "welcome"},
                                  {"role", role},
                                  {"attendee", nullptr},
                                  {"my_ballots", nlohmann::json::object()}};
        if (voter) {
            welcome["attendee"] = {{"id", voter->attendee_id}, {"nombre", nombre}};
            if (const auto& round = room->state().round())
                if (auto tag = room->voter_tag(*voter, round->id))
                    welcome["my_ballots"] = my_ballots_json(room->state(), *tag);
        }
        if (auto live = out.lock())
            live->deliver(std::make_shared<const std::string>(welcome.dump()), push_kind::reply);
        room->subscribe(out, known, voter.has_value());
        if (voter && pending_round > 0) {
            // Already stored (only its ack was lost): the welcome's my_ballots tells the phone,
            // and nothing is in flight.
            auto tag = room->voter_tag(*voter, pending_round);
            bool stored = tag && !pending_uid.empty() &&
                          room->state().known_receipt(*tag, pending_uid).has_value();
            if (!stored)
                room->declare_vote_in_flight(session, voter->attendee_id, pending_round);
        }
    });
}

void ws_protocol::ballot(ws_peer& peer, ballot_message msg) {
    std::string uid = std::move(msg.ballot_id);
    std::int64_t round_id = msg.round_id;
    if (!peer.voter) {
        auto e = error_message({domain::error_kind::forbidden, "not_a_voter",
                                "Solo las personas registradas pueden votar.", "", 0});
        e["ballot_id"] = uid;
        return send_to(peer, e);
    }
    auto out = peer.out;
    peer.room->cast_ballot(
        *peer.voter, peer.id, round_id, uid, std::move(msg.choices),
        [out, uid, round_id](domain::result<std::string> receipt) {
            std::string reply;
            if (receipt)
                reply = ballot_ack_text(round_id, uid, domain::display_credential_code(*receipt));
            else {
                auto e = error_message(receipt.error());
                e["ballot_id"] = uid;
                reply = e.dump();
            }
            if (auto live = out.lock())
                live->deliver(std::make_shared<const std::string>(std::move(reply)),
                              push_kind::reply);
        });
}

} // namespace asamblea::server
