#include "app/proposals.hpp"

#include "domain/assembly/assembly_state.hpp"
#include "domain/assembly/proposal_review.hpp"
#include "store/assembly_repo.hpp"

namespace asamblea::app {
namespace {

using domain::error_kind;

domain::status proposals_open(SQLite::Database&, const store::assembly_row& a) {
    return domain::require_proposals_open(a.state);
}

domain::error proposal_not_found(std::string field = "id") {
    return {error_kind::not_found, "not_found", "No existe esa propuesta en esta asamblea.",
            std::move(field), 0};
}

domain::error proposal_changed() {
    return {error_kind::conflict, "proposal_changed",
            "La propuesta cambió mientras tanto. Actualice la lista.", "", 0};
}

domain::status write_all(store::write_context& w, const store::assembly_row& a,
                         added_proposals& added) {
    for (const auto& p : added.proposals)
        added.ids.push_back(store::add_proposal(w, a.id, a.clues, p, "pendiente"));
    return {};
}

using review_rule =
    std::function<domain::status(SQLite::Database&, const store::assembly_row&, reviewed&)>;
using review_write =
    std::function<bool(store::write_context&, const store::assembly_row&, const reviewed&)>;

// The shape every review shares: find the proposal, check the rule on the strand, and write
// only if nothing changed meanwhile.
command<on_assembly<reviewed>> review(std::int64_t id, review_rule rule, review_write write) {
    return assembly_command<reviewed>(
        proposals_open,
        [id, rule = std::move(rule)](SQLite::Database& db,
                                     const store::assembly_row& a) -> domain::result<reviewed> {
            auto p = store::find_proposal(db, a.id, id);
            if (!p)
                return std::unexpected(proposal_not_found());
            reviewed r{*p, ""};
            if (auto ok = rule(db, a, r); !ok)
                return std::unexpected(ok.error());
            return r;
        },
        [write = std::move(write)](store::write_context& w, const store::assembly_row& a,
                                   reviewed& r) -> domain::status {
            if (!write(w, a, r))
                return std::unexpected(proposal_changed());
            return {};
        });
}

} // namespace

command<on_assembly<added_proposals>> add_proposal(domain::proposal proposal) {
    return assembly_command<added_proposals>(
        proposals_open,
        [proposal = std::move(proposal)](
            SQLite::Database& db, const store::assembly_row& a) -> domain::result<added_proposals> {
            auto clinic = find_clinic(db, a.clues);
            if (!clinic)
                return std::unexpected(clinic.error());
            auto checked = domain::check_new_proposal(proposal, clinic->presupuesto);
            if (!checked)
                return std::unexpected(checked.error());
            return added_proposals{{std::move(*checked)}, {}};
        },
        write_all);
}

command<on_assembly<added_proposals>> add_proposals(std::vector<domain::proposal> proposals) {
    return assembly_command<added_proposals>(
        proposals_open,
        [proposals = std::move(proposals)](
            SQLite::Database&, const store::assembly_row&) -> domain::result<added_proposals> {
            return added_proposals{proposals, {}};
        },
        write_all);
}

command<on_assembly<reviewed>> accept_proposal(std::int64_t id) {
    return review(
        id,
        [](SQLite::Database&, const store::assembly_row&, reviewed& r) {
            return domain::can_accept(r.proposal.status);
        },
        [](store::write_context& w, const store::assembly_row& a, const reviewed& r) {
            return store::accept_proposal(w, a.clues, a.id, r.proposal.p.id, r.proposal.status);
        });
}

command<on_assembly<reviewed>> reject_proposal(std::int64_t id, std::string reason) {
    return review(
        id,
        [reason = std::move(reason)](SQLite::Database&, const store::assembly_row&,
                                     reviewed& r) -> domain::status {
            auto cleaned = domain::check_reject(r.proposal.status, reason);
            if (!cleaned)
                return std::unexpected(cleaned.error());
            r.reason = std::move(*cleaned);
            return {};
        },
        [](store::write_context& w, const store::assembly_row& a, const reviewed& r) {
            return store::reject_proposal(w, a.clues, a.id, r.proposal.p.id, r.proposal.status,
                                          r.reason);
        });
}

command<on_assembly<reviewed>> merge_proposal(std::int64_t id, std::int64_t into) {
    return review(
        id,
        [into](SQLite::Database& db, const store::assembly_row& a, reviewed& r) -> domain::status {
            auto target = store::find_proposal(db, a.id, into);
            if (!target && into != r.proposal.p.id)
                return std::unexpected(proposal_not_found("into"));
            return domain::can_merge(r.proposal.p.id, r.proposal.status, into,
                                     target ? target->status : r.proposal.status);
        },
        [into](store::write_context& w, const store::assembly_row& a, const reviewed& r) {
            return store::merge_proposal(w, a.clues, a.id, r.proposal.p.id, r.proposal.status,
                                         into);
        });
}

} // namespace asamblea::app
