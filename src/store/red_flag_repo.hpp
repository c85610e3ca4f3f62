#pragma once
/// The red flags' inputs and records: every clinic's works, live quotes, expenses (voided ones
/// too) and live evidence of an edition, read for domain::detect_red_flags; each edition's
/// thresholds; the coordinators' reviews of flags, one per flag key.

#include "domain/audit/red_flags.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

/// Every clinic with a work item in `edition`, with its works as the domain reads them, ordered
/// by state, CLUES and work id.
std::vector<domain::flag_clinic> read_flag_clinics(SQLite::Database& db, int edition);

/// The expenses of other editions whose CFDI UUID an expense of `edition` also carries.
std::vector<domain::flag_other_use> read_flag_other_uses(SQLite::Database& db, int edition);

/// The newest edition with a work item; nullopt when there is none.
std::optional<int> newest_flag_edition(SQLite::Database& db);

/// The edition's thresholds as a coordinator set them; nullopt while none are set.
std::optional<domain::flag_thresholds> find_flag_thresholds(SQLite::Database& db, int edition);
/// Sets (or replaces) the edition's thresholds at the batch's time.
void upsert_flag_thresholds(write_context& ctx, int edition, const domain::flag_thresholds& t,
                            std::int64_t set_by);

struct flag_review_row {
    std::string flag_key;
    std::string note;
    std::int64_t reviewed_by = 0;
    std::string reviewed_at;
};

/// Records (or replaces) the review of one flag at the batch's time.
void upsert_flag_review(write_context& ctx, int edition, const std::string& flag_key,
                        const std::string& note, std::int64_t reviewed_by);
/// The edition's reviews, by flag key.
std::vector<flag_review_row> list_flag_reviews(SQLite::Database& db, int edition);
std::optional<flag_review_row> find_flag_review(SQLite::Database& db, int edition,
                                                const std::string& flag_key);

} // namespace asamblea::store
