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

domain::result<voter> authenticate_voter(store::store& s, const std::string& clues,
                                         std::string_view code) {
    if (code.empty())
        return std::unexpected(unauthorized(
            "no_credential", "Escanee su código QR o escriba el código de su credencial."));
    auto canonical = domain::parse_credential_code(code);
    if (!canonical)
        return std::unexpected(unauthorized(
            "bad_credential", "El código de credencial no es válido. Revise que tenga 8 "
                              "caracteres, como K7P4-M2Q9."));
    auto hash = credential_hash(s, *canonical);
    auto db = s.readers().acquire();
    auto assembly = store::latest_assembly(*db, clues);
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

domain::result<voter> authenticate_voter(app_context& ctx, const std::string& clues,
                                         std::string_view code, const std::string& remote) {
    if (auto allowed = ctx.auth.check_code_guessing(remote); !allowed)
        return std::unexpected(allowed.error());
    auto v = authenticate_voter(ctx.store, clues, code);
    // A revoked or missing code is a person's mistake too; only unknown codes count as guesses.
    ctx.auth.record_code_attempt(remote, v || v.error().code != "bad_credential");
    return v;
}

} // namespace asamblea::server
