#pragma once
/// COSABI nominations in SQLite: who stands for which role in an assembly. Every write is audited.

#include "domain/error.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct nomination_row {
    std::int64_t id = 0;
    std::int64_t assembly_id = 0;
    std::int64_t attendee_id = 0;
    std::string role;
    std::string nombre;
    std::string sexo;
    std::string nominated_by; // "self" or "moderator"
    std::string created_at;
    std::string withdrawn_at; // empty while active
    std::string withdrawn_by;
    bool present = false; // the attendee still holds an active credential
};

/// Nominates an attendee; conflict already_nominated when an active nomination exists (the
/// table's unique index is the final word, also against racing requests).
domain::result<std::int64_t> insert_nomination(write_context& ctx, const std::string& clues,
                                               std::int64_t assembly_id, std::int64_t attendee_id,
                                               const std::string& role, bool self,
                                               std::int64_t user_id);

/// Marks an active nomination withdrawn; false when it was not active (nothing written).
bool withdraw_nomination(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                         std::int64_t id, bool self);

std::optional<nomination_row> find_nomination(SQLite::Database& db, std::int64_t assembly_id,
                                              std::int64_t id);
/// Active nominations of the assembly, by role and then name; `role` filters when not empty.
std::vector<nomination_row> list_nominations(SQLite::Database& db, std::int64_t assembly_id,
                                             const std::string& role = {});

} // namespace asamblea::store
