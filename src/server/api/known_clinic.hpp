#pragma once
/// The path's clinic, only when it exists: every route with `{clues}` answers 404 for a clinic
/// that does not exist before its handler runs, so a made-up CLUES costs no room and no query
/// beyond the clinic directory (rooms/clinic_directory).

#include "domain/error.hpp"
#include "server/api/app_context.hpp"
#include "server/api/path_params.hpp"
#include "server/http/http_types.hpp"
#include "server/rooms/room_registry.hpp"

#include <string>

namespace asamblea::server {

/// The normalized CLUES of the path; not_found when it is malformed or no such clinic exists,
/// misdirected when another shard serves it.
inline domain::result<std::string> known_clinic(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return clues;
    if (auto here = ctx.rooms.clinic_here(*clues); !here)
        return std::unexpected(here.error());
    return clues;
}

} // namespace asamblea::server
