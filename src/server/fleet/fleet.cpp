#include "server/fleet/fleet.hpp"

#include "domain/shards/peer_stamp.hpp"
#include "server/http/http_types.hpp"

#include <chrono>

namespace asamblea::server {
namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

domain::error not_a_peer(std::string message) {
    return {domain::error_kind::unauthorized, "not_a_peer", std::move(message), "", 0};
}

} // namespace

fleet::fleet(domain::shard_map map, std::string self, store::secret_key key)
    : map_(std::move(map)), self_(std::move(self)), key_(key) {
    for (const auto& s : map_.shards()) {
        if (s.name == self_)
            continue;
        bool seen = false;
        for (const auto* p : peers_)
            seen = seen || p->name == s.name;
        if (!seen)
            peers_.push_back(&s);
    }
}

std::string fleet::stamp(std::string_view method, std::string_view target,
                         std::string_view body) const {
    auto at = unix_now();
    auto text = domain::peer_signing_text(self_, at, method, target, store::sha256_hex(body));
    return domain::format_peer_stamp({self_, at, store::mac_hex(key_, text)});
}

domain::result<std::string> fleet::check(const request& req) const {
    auto stamp = domain::parse_peer_stamp(req.fleet_stamp);
    if (!stamp)
        return std::unexpected(not_a_peer("Solo otro servidor de la red puede pedir esto."));
    if (stamp->shard == self_ || !map_.find(stamp->shard))
        return std::unexpected(not_a_peer("El servidor que firma no está en el mapa."));
    if (!domain::peer_stamp_fresh(stamp->at, unix_now()))
        return std::unexpected(
            not_a_peer("La firma venció: revise que los relojes de los servidores coincidan."));
    std::string target = req.path;
    if (!req.query.empty())
        target += "?" + req.query;
    auto text = domain::peer_signing_text(stamp->shard, stamp->at, req.method, target,
                                          store::sha256_hex(req.body));
    if (!store::mac_matches(key_, text, stamp->mac_hex))
        return std::unexpected(not_a_peer("La firma no corresponde a la llave de la red."));
    return stamp->shard;
}

} // namespace asamblea::server
