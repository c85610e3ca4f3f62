#pragma once
/// Work items (obras / equipos) in SQLite: a selected proposal (or a coordinator's addition)
/// being carried out, its state, its quote decision and its equipment data. Never deleted.

#include "domain/followup/work_item.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

/// A work item as stored. `item.proposal_id` is 0 for a coordinator's work item.
struct work_item_row {
    domain::work_item item;
    std::string clues;
    int edition = 0;
    std::optional<std::int64_t> assembly_id;
    std::optional<std::int64_t> round_id; // the budget round that selected it
    std::string quote_exception;          // the written exception to three quotes, or empty
    std::optional<std::int64_t> chosen_quote_id;
    std::string chosen_reason;
    std::string origin; // "votacion" or "coordinacion"
    std::string origin_reason;
    std::int64_t created_by = 0; // the user, 0 for the system (the assembly's close)
    std::string brand, model;
    std::vector<std::string> serials, inventory_tags;
    std::string created_at, updated_at;
};

/// Adds a work item (created_at and updated_at are the batch's time); its id.
std::int64_t insert_work_item(write_context& ctx, const work_item_row& row);

/// The clinic's work item; nullopt when unknown or another clinic's.
std::optional<work_item_row> find_work_item(SQLite::Database& db, const std::string& clues,
                                            std::int64_t id);
/// The clinic's work items of one edition, in the order they were created.
std::vector<work_item_row> list_work_items(SQLite::Database& db, const std::string& clues,
                                           int edition);
/// The editions in which the clinic has work items, newest first.
std::vector<int> work_editions(SQLite::Database& db, const std::string& clues);
/// True when a work item already carries out this proposal.
bool work_for_proposal_exists(SQLite::Database& db, std::int64_t proposal_id);

/// Moves the work item to `after.state` (and `after.resumes_to`) only if it is still in
/// `from`; false (nothing written) when it changed meanwhile.
bool update_work_state(write_context& ctx, std::int64_t id, domain::work_state from,
                       const domain::work_item& after);
/// Records the chosen quote (nullopt clears the choice) and its reason.
void set_chosen_quote(write_context& ctx, std::int64_t id, std::optional<std::int64_t> quote_id,
                      const std::string& reason);
/// Records (or with "" clears) the written exception to the three quotes.
void set_quote_exception(write_context& ctx, std::int64_t id, const std::string& text);
/// Records the equipment's brand, model, serial numbers and inventory tags.
void set_equipment(write_context& ctx, std::int64_t id, const std::string& brand,
                   const std::string& model, const std::vector<std::string>& serials,
                   const std::vector<std::string>& inventory_tags);
/// Sets updated_at to the batch's time (something attached to the work item changed).
void touch_work_item(write_context& ctx, std::int64_t id);

} // namespace asamblea::store
