#include "app/followup/voted_works.hpp"

#include "store/assembly_repo.hpp"
#include "store/proposal_repo.hpp"
#include "store/round_repo.hpp"
#include "store/work_item_repo.hpp"

#include <charconv>

namespace asamblea::app {
namespace {

// A budget round whose selection stands: closed, its result public, counted with quorum.
bool selection_stands(const store::round_row& r) {
    return r.spec.kind == domain::round_kind::budget && r.status == domain::round_status::cerrada &&
           r.cancelled_at.empty() && !r.revealed_at.empty() && r.result &&
           r.result->tally.quorum_met;
}

std::optional<std::int64_t> proposal_id(const std::string& option_id) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(option_id.data(), option_id.data() + option_id.size(), id);
    if (ec != std::errc() || end != option_id.data() + option_id.size() || id <= 0)
        return std::nullopt;
    return id;
}

} // namespace

int create_voted_work_items(store::write_context& w, const store::assembly_row& assembly) {
    const auto& clues = assembly.clues;
    auto assembly_id = assembly.id;
    int created = 0;
    for (const auto& round : store::list_rounds(w.db(), assembly_id)) {
        if (!selection_stands(round))
            continue;
        for (const auto& line : round.result->tally.lines) {
            if (!line.selected)
                continue;
            auto pid = proposal_id(line.id);
            if (!pid || store::work_for_proposal_exists(w.db(), *pid))
                continue;
            auto proposal = store::find_proposal(w.db(), assembly_id, *pid);
            if (!proposal)
                continue;
            store::work_item_row row;
            row.clues = clues;
            row.edition = assembly.edition;
            row.assembly_id = assembly_id;
            row.round_id = round.id;
            row.item.proposal_id = *pid;
            row.item.title = proposal->p.title;
            row.item.category = proposal->p.category;
            row.item.approved = proposal->p.cost;
            row.item.quantity = proposal->p.category == domain::category::equipamiento ? 1 : 0;
            row.origin = "votacion";
            auto id = store::insert_work_item(w, row);
            w.audit("work.created", clues,
                    {{"work_id", id},
                     {"edition", row.edition},
                     {"origin", row.origin},
                     {"assembly_id", assembly_id},
                     {"round_id", round.id},
                     {"proposal_id", *pid},
                     {"title", row.item.title},
                     {"category", std::string(domain::to_string(row.item.category))},
                     {"approved", row.item.approved},
                     {"quantity", row.item.quantity}});
            ++created;
        }
    }
    return created;
}

} // namespace asamblea::app
