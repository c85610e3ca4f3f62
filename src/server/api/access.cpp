#include "server/api/access.hpp"

#include "server/api/path_params.hpp"
#include "server/auth/auth_service.hpp"

namespace asamblea::server {

domain::result<domain::principal> staff(app_context& ctx, const request& req,
                                        std::initializer_list<domain::role> roles,
                                        const std::string& clues) {
    auto who = ctx.auth.authenticate(req.bearer());
    if (!who)
        return who;
    if (auto ok = domain::authorize(*who, roles, clues); !ok)
        return std::unexpected(ok.error());
    return who;
}

domain::result<domain::principal> moderator(app_context& ctx, const request& req,
                                            const std::string& clues) {
    return staff(ctx, req, {domain::role::moderator, domain::role::coordinator}, clues);
}

domain::result<moderated_target> moderated(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return std::unexpected(clues.error());
    auto who = moderator(ctx, req, *clues);
    if (!who)
        return std::unexpected(who.error());
    return moderated_target{std::move(*clues), std::move(*who), 0};
}

domain::result<moderated_target> moderated_with_id(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return target;
    auto id = path_id(req, "id");
    if (!id)
        return std::unexpected(id.error());
    target->id = *id;
    return target;
}

} // namespace asamblea::server
