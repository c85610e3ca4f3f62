#include "app/followup/board.hpp"

#include "app/followup/work_facts.hpp"
#include "store/assembly_repo.hpp"
#include "store/deadline_repo.hpp"

#include <algorithm>
#include <charconv>

namespace asamblea::app {
namespace {

using namespace followup;

work_summary summarize(const work_facts& f, const domain::work_money& money) {
    auto proof = proof_of(f);
    work_summary s;
    s.item = f.row.item;
    s.money = domain::work_ledger(money);
    s.next = domain::missing_for(f.row.item, proof);
    s.quotes = proof.quotes;
    s.photos_before = proof.photos_before;
    s.photos_during = proof.photos_during;
    s.photos_after = proof.photos_after;
    for (const auto& e : f.evidence)
        if (e.voided_at.empty() && (e.kind == domain::evidence_kind::contrato ||
                                    e.kind == domain::evidence_kind::documento))
            ++s.documents;
    s.entrega_recepcion = proof.entrega_recepcion;
    s.confirmations = static_cast<int>(proof.confirmations.size());
    for (const auto& c : proof.confirmations)
        s.confirmed_roles.push_back(c.role);
    s.updated_at = f.row.updated_at;
    return s;
}

int year_of(std::string_view today) {
    int year = 0;
    std::from_chars(today.data(), today.data() + std::min<std::size_t>(4, today.size()), year);
    return year;
}

} // namespace

domain::result<followup_board> read_board(SQLite::Database& db, const std::string& clues,
                                          std::optional<int> edition, std::string_view today) {
    auto budget = clinic_budget(db, clues);
    if (!budget)
        return std::unexpected(budget.error());
    followup_board board;
    board.clues = clues;
    board.budget = *budget;
    board.editions = store::work_editions(db, clues);
    auto assembly = store::latest_assembly(db, clues);
    if (!edition)
        edition = !board.editions.empty() ? board.editions.front()
                  : assembly              ? assembly->edition
                                          : year_of(today);
    board.edition = *edition;
    if (assembly)
        board.editions.push_back(assembly->edition);
    std::sort(board.editions.begin(), board.editions.end(), std::greater<>());
    board.editions.erase(std::unique(board.editions.begin(), board.editions.end()),
                         board.editions.end());

    std::vector<domain::work_money> money;
    std::vector<domain::work_evidence_count> counts;
    for (auto& row : store::list_work_items(db, clues, board.edition)) {
        auto facts = gather(db, std::move(row));
        auto m = money_of(facts);
        auto s = summarize(facts, m);
        money.push_back(m);
        counts.push_back({m, s.photos_before, s.photos_after});
        board.works.push_back(std::move(s));
    }
    board.clinic = domain::clinic_ledger(board.budget, money);
    board.score = domain::score_proof(counts);
    auto set = store::find_deadline(db, board.edition);
    board.deadline = set ? set->deadline : domain::default_deadline(board.edition);
    if (auto status = domain::deadline_status(board.deadline, today))
        board.deadline_status = *status;
    return board;
}

domain::result<work_detail> read_work(SQLite::Database& db, const std::string& clues,
                                      std::int64_t work_id) {
    auto row = find_work(db, clues, work_id);
    if (!row)
        return std::unexpected(row.error());
    auto facts = gather(db, std::move(*row));
    work_detail d;
    d.summary = summarize(facts, money_of(facts));
    const auto& r = facts.row;
    d.edition = r.edition;
    d.moves = store::list_work_moves(db, work_id);
    d.notes = store::list_work_notes(db, work_id);
    d.chosen_quote = r.chosen_quote_id;
    d.chosen_reason = r.chosen_reason;
    d.quote_exception = r.quote_exception;
    d.origin = r.origin;
    d.origin_reason = r.origin_reason;
    d.brand = r.brand;
    d.model = r.model;
    d.serials = r.serials;
    d.inventory_tags = r.inventory_tags;
    d.created_at = r.created_at;
    d.quotes = std::move(facts.quotes);
    d.expenses = std::move(facts.expenses);
    d.evidence = std::move(facts.evidence);
    d.confirmations = std::move(facts.confirmations);
    return d;
}

domain::result<std::vector<work_detail>> read_works(SQLite::Database& db,
                                                    const followup_board& board) {
    std::vector<work_detail> out;
    for (const auto& summary : board.works) {
        auto work = read_work(db, board.clues, summary.item.id);
        if (!work)
            return std::unexpected(work.error());
        out.push_back(std::move(*work));
    }
    return out;
}

} // namespace asamblea::app
