#pragma once
/// Attendees checked in at an assembly and their voter credentials. The identifier and the
/// credential code are stored only as keyed hashes (computed by the caller with the store's key).

#include "domain/error.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct attendee_row {
    std::int64_t id = 0;
    std::int64_t assembly_id = 0;
    std::string nombre;
    std::string sexo;
    std::string registered_at;
    std::string credential_status; // "activa" or "revocada"
};

/// What the store needs to register one attendee; the identifier arrives already hashed.
struct new_attendee_row {
    std::int64_t assembly_id = 0;
    std::string nombre;
    std::string sexo;
    std::string identifier_hash;
    std::int64_t registered_by = 0; // the staff user id
};

/// True when the identifier (hashed) is already registered in the assembly.
bool identifier_registered(SQLite::Database& db, std::int64_t assembly_id,
                           const std::string& identifier_hash);

/// The attendee registered in the assembly under this key (the hashed identifier or name key).
std::optional<attendee_row> find_attendee_by_key(SQLite::Database& db, std::int64_t assembly_id,
                                                 const std::string& identifier_hash);

/// The first attendee of the assembly whose name folds (fold_for_search) to `folded_nombre`.
std::optional<attendee_row> find_attendee_by_name(SQLite::Database& db, std::int64_t assembly_id,
                                                  const std::string& folded_nombre);

/// Registers the attendee; audited without the identifier. A conflict (duplicate_attendee) when
/// the identifier is already registered in this assembly.
domain::result<std::int64_t> insert_attendee(write_context& ctx, const std::string& clues,
                                             const new_attendee_row& a);

/// True when some credential of the assembly already has this code hash.
bool credential_hash_used(SQLite::Database& db, std::int64_t assembly_id,
                          const std::string& code_hash);

/// Revokes the attendee's active credential, if any; audited. Returns how many were revoked.
int revoke_credentials(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                       std::int64_t attendee_id);

/// Issues a new active credential (revoke the old one first); audited without the code. A
/// conflict when the code hash collides within the assembly.
domain::result<std::int64_t> issue_credential(write_context& ctx, const std::string& clues,
                                              std::int64_t assembly_id, std::int64_t attendee_id,
                                              const std::string& code_hash);

/// Attendees of the assembly, newest first; `folded_query` (fold_for_search) filters by name.
std::vector<attendee_row> list_attendees(SQLite::Database& db, std::int64_t assembly_id,
                                         const std::string& folded_query);

std::optional<attendee_row> find_attendee(SQLite::Database& db, std::int64_t assembly_id,
                                          std::int64_t id);

/// Attendees holding an active credential: who can vote, and who counts for quorum.
std::int64_t count_attendance(SQLite::Database& db, std::int64_t assembly_id);

/// The attendee behind a credential of the assembly, and whether it is still active.
struct voter_row {
    std::int64_t attendee_id = 0;
    std::int64_t credential_id = 0;
    std::string nombre;
    bool active = false;
};
std::optional<voter_row> find_voter(SQLite::Database& db, std::int64_t assembly_id,
                                    const std::string& code_hash);

} // namespace asamblea::store
