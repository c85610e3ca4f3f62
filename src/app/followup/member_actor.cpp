#include "app/followup/member_actor.hpp"

#include "store/member_repo.hpp"

namespace asamblea::app {

domain::result<member_actor> current_member(SQLite::Database& db, const std::string& clues,
                                            std::int64_t user_id) {
    auto refuse = [] {
        return domain::fail(domain::error_kind::forbidden, "not_current_member",
                            "Solo los integrantes del COSABI vigente de esta unidad pueden "
                            "registrar el seguimiento.");
    };
    if (user_id <= 0)
        return refuse();
    auto term = store::latest_term(db, clues);
    if (!term)
        return refuse();
    for (const auto& m : store::list_committee(db, clues, *term)) {
        if (m.user_id != user_id)
            continue;
        auto role = domain::parse_committee_role(m.role);
        if (!role)
            return refuse();
        return member_actor{user_id, m.id, *role, m.nombre, m.term};
    }
    return refuse();
}

} // namespace asamblea::app
