#include "server/api/followup_access.hpp"

#include "app/followup/member_actor.hpp"
#include "server/api/access.hpp"

namespace asamblea::server {

domain::result<domain::principal> followup_staff(app_context& ctx, const request& req,
                                                 const std::string& clues, SQLite::Database& db) {
    using domain::role;
    auto who = staff(ctx, req, {role::committee, role::moderator, role::coordinator}, clues);
    if (!who || who->role != role::committee)
        return who;
    // The new term's election ends an earlier member's access: the notes, the payment proofs
    // and the files are the current committee's working papers, not the public record.
    if (!app::current_member(db, clues, who->user_id))
        return domain::fail(domain::error_kind::forbidden, "not_current_member",
                            "Solo los integrantes del COSABI vigente de esta unidad ven su "
                            "seguimiento. Lo público está en la página de la unidad.");
    return who;
}

} // namespace asamblea::server
