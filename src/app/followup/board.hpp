#pragma once
/// Reading the follow-up: a clinic's board (the cuadernillo of an edition) and one work item in
/// full. Reads only, on a read connection; no command.

#include "domain/error.hpp"
#include "domain/followup/deadline.hpp"
#include "domain/followup/ledger.hpp"
#include "domain/followup/next_step.hpp"
#include "domain/followup/proof_score.hpp"
#include "domain/followup/work_item.hpp"
#include "store/confirmation_repo.hpp"
#include "store/evidence_repo.hpp"
#include "store/expense_repo.hpp"
#include "store/quote_repo.hpp"
#include "store/work_move_repo.hpp"
#include "store/work_note_repo.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::app {

/// One work item on the board: where it stands, its money and what it needs next. Counts are
/// of live rows.
struct work_summary {
    domain::work_item item;
    domain::ledger_line money;
    std::vector<domain::requirement> next;
    int quotes = 0;
    int photos_before = 0, photos_during = 0, photos_after = 0;
    int documents = 0; // live contrato and documento evidence
    bool entrega_recepcion = false;
    int confirmations = 0;
    std::vector<domain::committee_role> confirmed_roles; // whose seats confirmed the delivery
    std::string updated_at;
};

struct followup_board {
    std::string clues;
    int edition = 0;
    std::vector<int> editions; // with work items, and the current assembly's; newest first
    std::vector<work_summary> works;
    domain::ledger_line clinic;
    domain::proof_score score;
    domain::centavos budget = 0;
    std::string deadline; // the edition's, or domain::default_deadline
    std::optional<domain::deadline_info> deadline_status;
};

/// The clinic's board for `edition` (default: the newest edition with work items, else the
/// current assembly's, else today's year). `today` is "YYYY-MM-DD" in Mexico City. not_found for
/// an unknown clinic.
domain::result<followup_board> read_board(SQLite::Database& db, const std::string& clues,
                                          std::optional<int> edition, std::string_view today);

/// One work item with every row recorded for it.
struct work_detail {
    work_summary summary;
    int edition = 0;
    std::vector<store::quote_row> quotes;
    std::vector<store::expense_row> expenses;
    std::vector<store::evidence_row> evidence;
    std::vector<store::confirmation_row> confirmations;
    std::vector<store::work_move_row> moves;
    std::vector<store::work_note_row> notes;
    std::optional<std::int64_t> chosen_quote;
    std::string chosen_reason, quote_exception, origin, origin_reason;
    std::string brand, model;
    std::vector<std::string> serials, inventory_tags;
    std::string created_at;
};

/// The clinic's work item in full; not_found (work_not_found) for an unknown id or another
/// clinic's.
domain::result<work_detail> read_work(SQLite::Database& db, const std::string& clues,
                                      std::int64_t work_id);

/// Every work of a board in full, in the board's order (the informe, the public page).
domain::result<std::vector<work_detail>> read_works(SQLite::Database& db,
                                                    const followup_board& board);

} // namespace asamblea::app
