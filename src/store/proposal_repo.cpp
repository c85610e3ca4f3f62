#include "store/proposal_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {
namespace {

constexpr const char* proposal_columns =
    "SELECT id, title, description, category, cost_centavos, source, status, "
    "coalesce(reject_reason, ''), merged_into FROM proposals ";

proposal_row read_proposal(SQLite::Statement& q) {
    proposal_row r;
    r.p.id = q.getColumn(0).getInt64();
    r.p.title = q.getColumn(1).getString();
    r.p.description = q.getColumn(2).getString();
    r.p.category =
        domain::parse_category(q.getColumn(3).getString()).value_or(domain::category::obra);
    r.p.cost = q.getColumn(4).getInt64();
    r.p.source = domain::parse_proposal_source(q.getColumn(5).getString())
                     .value_or(domain::proposal_source::diagnostico);
    r.status = domain::parse_proposal_status(q.getColumn(6).getString())
                   .value_or(domain::proposal_status::pendiente);
    r.reject_reason = q.getColumn(7).getString();
    if (!q.getColumn(8).isNull())
        r.merged_into = q.getColumn(8).getInt64();
    return r;
}

// The one UPDATE every review goes through: conditional on the current status.
bool set_status(write_context& ctx, std::int64_t assembly_id, std::int64_t id,
                domain::proposal_status from, domain::proposal_status to, const std::string& reason,
                std::optional<std::int64_t> into) {
    SQLite::Statement upd(ctx.db(), "UPDATE proposals SET status = ?, reject_reason = ?, "
                                    "merged_into = ?, updated_at = ? "
                                    "WHERE id = ? AND assembly_id = ? AND status = ?");
    upd.bind(1, std::string(domain::to_string(to)));
    if (reason.empty())
        upd.bind(2);
    else
        upd.bind(2, reason);
    if (into)
        upd.bind(3, static_cast<int64_t>(*into));
    else
        upd.bind(3);
    upd.bind(4, ctx.now());
    upd.bind(5, static_cast<int64_t>(id));
    upd.bind(6, static_cast<int64_t>(assembly_id));
    upd.bind(7, std::string(domain::to_string(from)));
    return upd.exec() == 1;
}

} // namespace

std::vector<proposal_row> list_proposal_rows(SQLite::Database& db, std::int64_t assembly_id,
                                             bool accepted_only) {
    std::vector<proposal_row> out;
    SQLite::Statement q(db, std::string(proposal_columns) + "WHERE assembly_id = ?" +
                                (accepted_only ? " AND status = 'aceptada'" : "") + " ORDER BY id");
    q.bind(1, static_cast<int64_t>(assembly_id));
    while (q.executeStep())
        out.push_back(read_proposal(q));
    return out;
}

std::optional<proposal_row> find_proposal(SQLite::Database& db, std::int64_t assembly_id,
                                          std::int64_t id) {
    SQLite::Statement q(db, std::string(proposal_columns) + "WHERE assembly_id = ? AND id = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_proposal(q);
}

bool accept_proposal(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                     std::int64_t id, domain::proposal_status from) {
    if (!set_status(ctx, assembly_id, id, from, domain::proposal_status::aceptada, {}, {}))
        return false;
    ctx.audit("proposal.accepted", clues, {{"assembly_id", assembly_id}, {"proposal_id", id}});
    return true;
}

bool reject_proposal(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                     std::int64_t id, domain::proposal_status from, const std::string& reason) {
    if (!set_status(ctx, assembly_id, id, from, domain::proposal_status::rechazada, reason, {}))
        return false;
    ctx.audit("proposal.rejected", clues,
              {{"assembly_id", assembly_id}, {"proposal_id", id}, {"reason", reason}});
    return true;
}

bool merge_proposal(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                    std::int64_t id, domain::proposal_status from, std::int64_t into) {
    auto target = find_proposal(ctx.db(), assembly_id, into);
    if (!target || target->status != domain::proposal_status::aceptada)
        return false;
    if (!set_status(ctx, assembly_id, id, from, domain::proposal_status::fusionada, {}, into))
        return false;
    ctx.audit("proposal.merged", clues,
              {{"assembly_id", assembly_id}, {"proposal_id", id}, {"into", into}});
    return true;
}

} // namespace asamblea::store
