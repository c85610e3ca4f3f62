#pragma once
/// Voters authenticate with their credential code (REST: `Authorization: Credential CODE`), which
/// resolves by keyed hash to an active credential of the clinic's current assembly.

#include "domain/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace asamblea::store {
class store;
}

namespace asamblea::server {

struct app_context;

/// Who a voter is, as a connection keeps it after its welcome: ids only (a phone's connection
/// is held for hours, and there are a hundred thousand of them).
struct voter_ids {
    std::int64_t assembly_id = 0;
    std::int64_t attendee_id = 0;
    std::int64_t credential_id = 0;
};

/// Who is voting: an attendee of the clinic's current assembly, through one credential.
struct voter {
    std::string clues;
    std::int64_t assembly_id = 0;
    std::int64_t attendee_id = 0;
    std::int64_t credential_id = 0;
    std::string nombre;

    voter_ids ids() const { return {assembly_id, attendee_id, credential_id}; }
};

/// The code from an "Authorization: Credential CODE" header value (empty when absent).
std::string credential_from_header(std::string_view authorization);

/// The keyed hash the store keeps for a canonical credential code.
std::string credential_hash(const store::store& s, std::string_view canonical_code);

/// Resolves a typed code (lenient: case, spaces, dashes) for the normalized CLUES. unauthorized
/// with code no_credential, bad_credential or credential_revoked.
domain::result<voter> authenticate_voter(store::store& s, const std::string& clues,
                                         std::string_view code);

/// The same, throttled (auth_service::check_code): unknown codes spend a budget per address and
/// clinic and one per clinic; a code that already got in from this address is never held back.
domain::result<voter> authenticate_voter(app_context& ctx, const std::string& clues,
                                         std::string_view code, const std::string& remote);

} // namespace asamblea::server
