#pragma once
/// Quotes (cotizaciones) of work items. Voided with a reason, never deleted; a live quote's RFC
/// is unique within its work item.

#include "domain/followup/quote_rules.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct quote_row {
    domain::quote q; // voided tells whether voided_at is set
    std::int64_t work_id = 0;
    bool rfc_digit_ok = true; // the RFC's check digit holds (a wrong one only warns)
    std::string file_sha256;
    std::int64_t created_by = 0;
    std::string created_at;
    std::string voided_at; // empty while live
    std::string void_reason;
};

/// Adds a live quote (`row.q.id`, created_at and voided fields ignored); its id.
std::int64_t insert_quote(write_context& ctx, const quote_row& row);
/// Voids a live quote; false when it was already voided.
bool void_quote(write_context& ctx, std::int64_t id, const std::string& reason);

/// The work item's quotes, voided ones included, in the order they were added.
std::vector<quote_row> list_quotes(SQLite::Database& db, std::int64_t work_id);
/// A quote of one of the clinic's work items; nullopt for another clinic's.
std::optional<quote_row> find_quote(SQLite::Database& db, const std::string& clues,
                                    std::int64_t id);

/// The domain's view of the rows (what quote_rules takes).
std::vector<domain::quote> to_quotes(const std::vector<quote_row>& rows);

} // namespace asamblea::store
