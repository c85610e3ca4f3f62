#pragma once
/// The proposal list as the moderator reviews it: status, reject reason and merges.

#include "domain/assembly/proposal_review.hpp"
#include "domain/proposal.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

/// A proposal with its review state.
struct proposal_row {
    domain::proposal p;
    domain::proposal_status status = domain::proposal_status::pendiente;
    std::string reject_reason;
    std::optional<std::int64_t> merged_into;
};

/// The assembly's proposals in the order they were added; only the accepted ones when asked.
std::vector<proposal_row> list_proposal_rows(SQLite::Database& db, std::int64_t assembly_id,
                                             bool accepted_only);

std::optional<proposal_row> find_proposal(SQLite::Database& db, std::int64_t assembly_id,
                                          std::int64_t id);

/// Each change below happens only if the proposal still has status `from`; false (nothing
/// written) when it changed meanwhile. Each one is audited.
bool accept_proposal(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                     std::int64_t id, domain::proposal_status from);
bool reject_proposal(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                     std::int64_t id, domain::proposal_status from, const std::string& reason);
/// Also requires `into` to be still accepted.
bool merge_proposal(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                    std::int64_t id, domain::proposal_status from, std::int64_t into);

} // namespace asamblea::store
