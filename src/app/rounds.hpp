#pragma once
/// Use cases of the moderator's rounds: prepare one (budget, election, motion, a COSABI role's
/// election, the committee's ratification, a runoff), open, close, reveal, live results, cancel.

#include "app/command.hpp"
#include "domain/round.hpp"

#include <optional>
#include <string>
#include <vector>

namespace asamblea::app {

/// What the moderator asked for, as the request said it (already schema-checked).
struct round_request {
    domain::round_kind kind = domain::round_kind::budget;
    std::string title;
    int max_choices = 0;
    domain::centavos cost_cap = 0;
    std::optional<int> seats;
    bool parity = false;
    std::optional<std::string> rule;
    std::optional<std::string> role; // a COSABI role: the options come from its nominations
    bool ratify_committee = false;
    bool options_given = false;
    std::vector<domain::round_option> options; // an election's candidates
};

/// What a round command carries from prepare to apply.
struct round_event {
    std::int64_t round_id = 0;
    std::int64_t assembly_id = 0;
    domain::round_spec spec;
    std::string closes_at; // open: empty without a countdown
    std::chrono::system_clock::time_point closes_at_tp{};
    std::int64_t present = 0; // close: the attendance and quorum the tally counts with
    std::int64_t quorum = 0;
};

command<round_event> create_round(round_request request);
/// A single-seat election that tied: a new round among the tied only (same role).
command<round_event> create_runoff(std::int64_t tied_round_id);
/// Opens a prepared round, with a countdown when `duration_seconds` > 0. Without quorum only when
/// the moderator confirms: its result will not be valid.
command<round_event> open_round(std::int64_t round_id, int duration_seconds,
                                bool confirm_without_quorum);
/// Closes the open round and records its tally, counted from the ballots committed in the same
/// transaction; a COSABI role's final result or a passed ratification becomes the committee.
command<round_event> close_round(std::int64_t round_id);
command<round_event> reveal_round(std::int64_t round_id);
command<round_event> set_live_results(std::int64_t round_id, bool enabled);
/// A round prepared by mistake is voided (kept and audited), never deleted; once it opened it
/// can only be closed.
command<round_event> cancel_round(std::int64_t round_id);

/// The round of the room's assembly; not_found for another assembly's round.
domain::result<store::round_row> find_round(SQLite::Database& db, const hot_state& state,
                                            std::int64_t round_id);
/// A round of any of the clinic's assemblies, this year's or an earlier one (the public list of
/// a closed round's ballots); not_found (round_not_found) for another clinic's or none.
domain::result<store::round_row> find_clinic_round(SQLite::Database& db, const std::string& clues,
                                                   std::int64_t round_id);

/// A round of this COSABI role still to be decided (preparada or abierta) fixes the role's
/// candidates: no second round of the role, no nomination or withdrawal for it.
domain::status no_pending_role_round(SQLite::Database& db, std::int64_t assembly_id,
                                     const std::string& role);

} // namespace asamblea::app
