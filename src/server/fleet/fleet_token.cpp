#include "server/fleet/fleet_token.hpp"

#include "server/fleet/fleet.hpp"
#include "store/crypto.hpp"

namespace asamblea::server {
namespace {

domain::error fleet_token_refused() {
    return {domain::error_kind::unauthorized, "bad_token",
            "Su sesión venció. Inicie sesión de nuevo.", "", 0};
}

} // namespace

std::int64_t fleet_unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

issued_fleet_token issue_fleet_token(const fleet& f, const domain::principal& who,
                                     std::chrono::seconds ttl) {
    domain::fleet_claims c;
    c.username = who.username;
    c.home = f.self();
    c.role = std::string(domain::to_string(who.role));
    c.clinics = who.clinics;
    c.issued_at = fleet_unix_now();
    c.expires_at = c.issued_at + ttl.count();
    c.id = store::random_token(16);
    auto payload = domain::encode_fleet_claims(c);
    auto mac = store::mac_hex(f.key(), domain::fleet_token_signing_text(payload));
    return {domain::join_fleet_token(payload, mac), std::move(c)};
}

domain::result<domain::fleet_claims> check_fleet_token(const fleet& f, std::string_view token,
                                                       std::int64_t now) {
    auto parts = domain::split_fleet_token(token);
    if (!parts || !store::mac_matches(f.key(), domain::fleet_token_signing_text(parts->payload),
                                      parts->mac_hex))
        return std::unexpected(fleet_token_refused());
    auto claims = domain::decode_fleet_claims(parts->payload);
    // A home outside the map or a role this build does not know: signed, but not ours to honor.
    if (!claims || !domain::fleet_claims_live(*claims, now) || !f.map().find(claims->home) ||
        !domain::parse_role(claims->role))
        return std::unexpected(fleet_token_refused());
    return *claims;
}

} // namespace asamblea::server
