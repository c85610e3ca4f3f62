#pragma once
/// The follow-up as JSON: the clinic's board (the cuadernillo of an edition) and one work item in
/// full, as docs/api.md ("Follow-up") describes them.

#include "app/followup/board.hpp"
#include "app/followup/member_actor.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace asamblea::server {

/// Who is looking: a current committee member may write; everyone else reads.
struct followup_viewer {
    std::optional<app::member_actor> member;
};

nlohmann::json to_json(const domain::ledger_line& money);
nlohmann::json to_json(const app::work_summary& work);
nlohmann::json to_json(const app::followup_board& board, const followup_viewer& viewer);
/// One work item in full; `clues` is its clinic, for the links of its public photos.
nlohmann::json to_json(const app::work_detail& work, const std::string& clues);

} // namespace asamblea::server
