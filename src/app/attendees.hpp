#pragma once
/// Use cases of check-in: register an attendee with a first credential, reissue a credential
/// (the old one stops working), revoke one.

#include "app/assembly_command.hpp"
#include "store/attendee_repo.hpp"

#include <cstdint>
#include <string>

namespace asamblea::app {

/// Registers the person (checked by domain::check_new_attendee, identifier already hashed) with
/// a credential whose code hashes to `code_hash`; the event is the attendee's id. The UNIQUE
/// (assembly, identifier hash) constraint is the final word on duplicates.
command<on_assembly<std::int64_t>> register_attendee(store::new_attendee_row row,
                                                     std::string code_hash);

/// A new credential for a registered attendee; the previous one is revoked in the same write.
command<on_assembly<std::int64_t>> reissue_credential(std::int64_t attendee_id,
                                                      std::string code_hash);

/// Revokes the attendee's credential and withdraws their waiting floor requests.
command<on_assembly<std::int64_t>> revoke_credential(std::int64_t attendee_id);

} // namespace asamblea::app
