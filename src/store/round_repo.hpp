#pragma once
/// Voting rounds and ballots in SQLite. Ballots carry a keyed voter tag, never a credential.

#include "domain/round.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct round_row {
    std::int64_t id = 0;
    std::int64_t assembly_id = 0;
    domain::round_spec spec;
    domain::round_status status = domain::round_status::preparada;
    bool live_results = false;
    std::string opened_at, closes_at, closed_at, revealed_at;
    std::string cancelled_at; // set: status is cancelada
    std::optional<domain::recorded_result> result;
};

struct ballot_row {
    std::string voter_tag;
    std::string ballot_uid;
    std::vector<std::string> choices;
    std::string receipt;
};

std::int64_t create_round(write_context& ctx, std::int64_t assembly_id, const std::string& clues,
                          const domain::round_spec& spec);

/// preparada → abierta; conflict when it is not preparada or another round is open.
domain::status open_round(write_context& ctx, std::int64_t round_id, const std::string& clues,
                          const std::string& closes_at);

/// abierta → cerrada with its result; conflict when it is not abierta. The caller tallies the
/// counted ballots read in the same transaction, so nothing acknowledged is left out.
domain::status close_round(write_context& ctx, std::int64_t round_id, const std::string& clues,
                           const domain::recorded_result& result);

/// preparada → cancelada (voided, kept); conflict for a round that opened or closed.
domain::status cancel_round(write_context& ctx, std::int64_t round_id, const std::string& clues);

domain::status reveal_round(write_context& ctx, std::int64_t round_id, const std::string& clues);
domain::status set_live_results(write_context& ctx, std::int64_t round_id, const std::string& clues,
                                bool enabled);

/// Records a ballot and marks the voter's earlier one in this round as replaced.
domain::status insert_ballot(write_context& ctx, std::int64_t round_id, const std::string& clues,
                             const ballot_row& ballot);

std::optional<round_row> find_round(SQLite::Database& db, std::int64_t round_id);
std::vector<round_row> list_rounds(SQLite::Database& db, std::int64_t assembly_id);
/// The open round, else the newest one that was not cancelled.
std::optional<round_row> current_round(SQLite::Database& db, std::int64_t assembly_id);

/// COSABI: the runoff created for a tied round, if any (a cancelled one does not count).
std::optional<round_row> find_runoff(SQLite::Database& db, std::int64_t assembly_id,
                                     std::int64_t round_id);
/// COSABI: a round of the role that is not closed or cancelled (preparada or abierta), if any.
std::optional<round_row> pending_role_round(SQLite::Database& db, std::int64_t assembly_id,
                                            const std::string& role);

/// Every closed round of every assembly, oldest first (for `asamblea verify`).
std::vector<round_row> closed_rounds(SQLite::Database& db);

/// Every ballot ever cast in the round (counted and replaced), oldest first, for re-voting dedupe.
std::vector<ballot_row> all_ballots(SQLite::Database& db, std::int64_t round_id);
/// The counted ballots: receipts and choices only, sorted by receipt (the public list).
std::vector<ballot_row> counted_ballots(SQLite::Database& db, std::int64_t round_id);
/// One page of the counted ballots, by receipt (the public list), and how many there are.
std::vector<ballot_row> counted_ballots_page(SQLite::Database& db, std::int64_t round_id,
                                             int offset, int limit);
std::int64_t count_counted_ballots(SQLite::Database& db, std::int64_t round_id);
/// The counted ballot with this (canonical) receipt, if any.
std::optional<ballot_row> find_counted_ballot(SQLite::Database& db, std::int64_t round_id,
                                              const std::string& receipt);

/// True when the assembly has a round open for ballots.
/// The clinics whose open round closes by itself at a set time (closes_at): a restarted server
/// arms those countdowns again.
std::vector<std::string> clinics_with_countdown(SQLite::Database& db);

bool has_open_round(SQLite::Database& db, std::int64_t assembly_id);

} // namespace asamblea::store
