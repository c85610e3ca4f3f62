#include "server/auth/voter_auth.hpp"

#include "server/api/app_context.hpp"
#include "server/auth/auth_service.hpp"

#include "domain/assembly/credential_code.hpp"
#include "store/assembly_repo.hpp"
#include "store/attendee_repo.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

domain::error unauthorized(std::string code, std::string message) {
    return {domain::error_kind::unauthorized, std::move(code), std::move(message), "", 0};
}

} // namespace

std::string credential_from_header(std::string_view authorization) {
    constexpr std::string_view scheme = "Credential ";
    if (authorization.size() <= scheme.size() || !authorization.starts_with(scheme))
        return {};
    return std::string(authorization.substr(scheme.size()));
}

std::string credential_hash(const store::store& s, std::string_view canonical_code) {
    // Domain-separated from identifier hashes, which use the same key.
    return store::keyed_hash_hex(s.key(), "credential:" + std::string(canonical_code));
}

namespace {

domain::error malformed_credential() {
    return unauthorized("bad_credential",
                        "El código de credencial no es válido. Revise que tenga 8 "
                        "caracteres, como K7P4-M2Q9.");
}

// The credential behind a keyed hash in the clinic's current assembly. `guessable` tells whether
// the clinic has an assembly at all: without one no code can match, so a code tells nothing.
domain::result<voter> find_voter_by_hash(store::store& s, const std::string& clues,
                                         const std::string& hash, bool* guessable = nullptr) {
    auto db = s.readers().acquire();
    auto assembly = store::latest_assembly(*db, clues);
    if (guessable)
        *guessable = assembly.has_value();
    if (!assembly)
        return std::unexpected(
            unauthorized("bad_credential", "El código de credencial no es válido aquí."));
    auto found = store::find_voter(*db, assembly->id, hash);
    if (!found)
        return std::unexpected(
            unauthorized("bad_credential", "El código de credencial no es válido aquí."));
    if (!found->active)
        return std::unexpected(
            unauthorized("credential_revoked",
                         "Esta credencial fue revocada. Pida una nueva en la mesa de registro."));
    return voter{clues, assembly->id, found->attendee_id, found->credential_id, found->nombre};
}

domain::error missing_credential() {
    return unauthorized("no_credential",
                        "Escanee su código QR o escriba el código de su credencial.");
}

} // namespace

domain::result<voter> authenticate_voter(store::store& s, const std::string& clues,
                                         std::string_view code) {
    if (code.empty())
        return std::unexpected(missing_credential());
    auto canonical = domain::parse_credential_code(code);
    if (!canonical)
        return std::unexpected(malformed_credential());
    return find_voter_by_hash(s, clues, credential_hash(s, *canonical));
}

domain::result<voter> authenticate_voter(app_context& ctx, const std::string& clues,
                                         std::string_view code, const std::string& remote) {
    // A missing or malformed code can never match, so it tells a guesser nothing: not counted.
    if (code.empty())
        return std::unexpected(missing_credential());
    auto canonical = domain::parse_credential_code(code);
    if (!canonical)
        return std::unexpected(malformed_credential());
    auto hash = credential_hash(ctx.store, *canonical);
    // The throttle remembers admitted codes by 128 bits of their keyed hash (never the code).
    auto code_key = hash.substr(0, 32);
    if (auto allowed = ctx.auth.check_code(clues, remote, code_key); !allowed)
        return std::unexpected(allowed.error());
    bool guessable = false;
    auto v = find_voter_by_hash(ctx.store, clues, hash, &guessable);
    // A revoked code is a person's mistake, not a guess; only unknown codes spend the budget.
    auto outcome = v ? auth_service::code_outcome::admitted
                   : guessable && v.error().code == "bad_credential"
                       ? auth_service::code_outcome::unknown
                       : auth_service::code_outcome::other;
    ctx.auth.record_code(clues, remote, code_key, outcome);
    return v;
}

} // namespace asamblea::server
