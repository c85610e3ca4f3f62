#pragma once
/// Each edition's deadline for proving the money spent, as a coordinator set it (the domain's
/// default applies while none is set). Setting it again replaces it; the audit chain keeps the
/// history.

#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>

namespace asamblea::store {

struct deadline_row {
    int edition = 0;
    std::string deadline; // YYYY-MM-DD
    std::int64_t set_by = 0;
    std::string set_at;
};

/// Sets (or replaces) the edition's deadline at the batch's time.
void upsert_deadline(write_context& ctx, int edition, const std::string& deadline,
                     std::int64_t set_by);
std::optional<deadline_row> find_deadline(SQLite::Database& db, int edition);

} // namespace asamblea::store
