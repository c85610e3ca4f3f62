#pragma once
/// What the assembly handlers share: the path's parameters, who is acting, the clinic and its
/// current assembly for reads, and the assembly's JSON with its live attendance.

#include "app/assembly_lookup.hpp"
#include "server/api/access.hpp"
#include "server/api/path_params.hpp"
#include "server/rooms/room_registry.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

using app::current_assembly;

/// The clinic of the path; not_found when unknown.
domain::result<domain::clinic> find_clinic(app_context& ctx, const std::string& clues);

/// The assembly as JSON with its live attendance.
nlohmann::json assembly_view(SQLite::Database& db, const store::assembly_row& a);

} // namespace asamblea::server
