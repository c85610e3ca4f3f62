#pragma once
/// Who is acting: the staff member behind the bearer token, allowed on the path's clinic.

#include "domain/error.hpp"
#include "domain/staff.hpp"
#include "server/api/app_context.hpp"
#include "server/http/http_types.hpp"

#include <cstdint>
#include <initializer_list>
#include <string>

namespace asamblea::server {

/// The staff member behind the bearer token, allowed one of the roles on the clinic.
domain::result<domain::principal> staff(app_context& ctx, const request& req,
                                        std::initializer_list<domain::role> roles,
                                        const std::string& clues);

/// "M": a moderator of the clinic, or a coordinator covering it.
domain::result<domain::principal> moderator(app_context& ctx, const request& req,
                                            const std::string& clues);

/// What an "M" route acts on: the path's clinic, the moderator, and the path's `{id}` when asked.
struct moderated_target {
    std::string clues;
    domain::principal who;
    std::int64_t id = 0;
};

/// The path's CLUES, then a moderator of it (or a coordinator covering it), in that order.
domain::result<moderated_target> moderated(app_context& ctx, const request& req);

/// The same, then the path's `{id}`.
domain::result<moderated_target> moderated_with_id(app_context& ctx, const request& req);

} // namespace asamblea::server
