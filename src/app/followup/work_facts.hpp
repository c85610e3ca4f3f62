#pragma once
/// Internal to the follow-up use cases: a work item of the clinic with what its rules need,
/// gathered from the store (the proof of its moves, its money, the clinic's other works).

#include "app/followup/member_actor.hpp"
#include "domain/error.hpp"
#include "domain/followup/ledger.hpp"
#include "domain/followup/work_proof.hpp"
#include "store/confirmation_repo.hpp"
#include "store/evidence_repo.hpp"
#include "store/expense_repo.hpp"
#include "store/quote_repo.hpp"
#include "store/work_item_repo.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::app::followup {

/// The clinic's work item; not_found work_not_found for an unknown id or another clinic's.
domain::result<store::work_item_row> find_work(SQLite::Database& db, const std::string& clues,
                                               std::int64_t work_id);

/// Everything recorded for one work item.
struct work_facts {
    store::work_item_row row;
    std::vector<store::quote_row> quotes;
    std::vector<store::evidence_row> evidence;
    std::vector<store::confirmation_row> confirmations;
    std::vector<store::expense_row> expenses;
};
work_facts gather(SQLite::Database& db, store::work_item_row row);

/// The proof of its moves (live rows only).
domain::work_proof proof_of(const work_facts& f);
/// Its money: the chosen quote's amount is contracted once contratado or later (or stopped
/// there), the live expenses are spent and proven (each has its CFDI and file).
domain::work_money money_of(const work_facts& f);
/// The money of every work item of the clinic's edition.
std::vector<domain::work_money> edition_money(SQLite::Database& db, const std::string& clues,
                                              int edition);
/// The clinic's budget (presupuesto); not_found for an unknown clinic.
domain::result<domain::centavos> clinic_budget(SQLite::Database& db, const std::string& clues);

/// A current member acting on one of the clinic's work items (checked in that order, so a
/// stranger learns nothing about the ids).
struct member_work {
    member_actor actor;
    store::work_item_row work;
};
domain::result<member_work> member_on_work(SQLite::Database& db, const std::string& clues,
                                           std::int64_t user_id, std::int64_t work_id);

/// Quotes are taken, voided and chosen only before the contract: planeado or cotizando.
domain::status require_quoting(domain::work_state s);

/// The committee member in an audit payload: id and role, nothing personal.
void add_actor(nlohmann::json& payload, const member_actor& actor);

} // namespace asamblea::app::followup
