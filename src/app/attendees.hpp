#pragma once
/// Use cases of check-in: register an attendee with a first credential, reissue a credential
/// (the old one stops working), revoke one.

#include "app/assembly_command.hpp"
#include "store/attendee_repo.hpp"

#include <cstdint>
#include <string>

namespace asamblea::app {

/// Registers the person (checked by domain::check_new_attendee, domain::attendee_key already
/// hashed) with a credential whose code hashes to `code_hash`; the event is the attendee's id.
/// A second registration of the same key, or with `by_name` (no identifier) of the same name,
/// is refused naming the first one; checked when prepared and again inside the write, which
/// runs one command at a time, so two desks never register one person twice. The UNIQUE
/// (assembly, identifier hash) constraint stays the last word.
command<on_assembly<std::int64_t>> register_attendee(store::new_attendee_row row,
                                                     std::string code_hash, bool by_name);

/// A new credential for a registered attendee; the previous one is revoked in the same write.
command<on_assembly<std::int64_t>> reissue_credential(std::int64_t attendee_id,
                                                      std::string code_hash);

/// Revokes the attendee's credential and withdraws their waiting floor requests.
command<on_assembly<std::int64_t>> revoke_credential(std::int64_t attendee_id);

} // namespace asamblea::app
