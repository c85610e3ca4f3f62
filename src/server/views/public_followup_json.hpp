#pragma once
/// The follow-up as the public sees it on the clinic's page: the staff's board and works with only
/// what is public kept (docs/api.md "Public follow-up"). Built by keeping listed fields, never by
/// removing: a field added to the staff's JSON stays private until it is listed here.

#include "app/followup/board.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace asamblea::server {

nlohmann::json to_public_json(const app::followup_board& board,
                              const std::vector<app::work_detail>& works);

} // namespace asamblea::server
