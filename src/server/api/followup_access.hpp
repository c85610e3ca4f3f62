#pragma once
/// Who may read a clinic's follow-up (board, work items, files, informe): its moderator, a
/// coordinator covering it, and the members of its current COSABI. A committee login that holds
/// no seat of the current term (a member of an earlier term not elected again) reads nothing.

#include "domain/error.hpp"
#include "domain/staff.hpp"
#include "server/api/app_context.hpp"
#include "server/http/http_types.hpp"

#include <SQLiteCpp/Database.h>

#include <string>

namespace asamblea::server {

/// The staff member behind the bearer token who may read `clues`'s follow-up; forbidden
/// not_current_member for a committee login without a seat of the current term.
domain::result<domain::principal> followup_staff(app_context& ctx, const request& req,
                                                 const std::string& clues, SQLite::Database& db);

} // namespace asamblea::server
