#include "server/views/committee_json.hpp"

#include "domain/committee.hpp"
#include "domain/invitation.hpp"

namespace asamblea::server {
namespace {

using nlohmann::json;

// A member's login state for staff; an expired code is shown as such, so the table asks for a new
// one.
std::string account_state(const store::member_row& m, const std::string& now) {
    if (m.has_account)
        return "con_cuenta";
    if (!m.invitation_open)
        return "sin_invitacion";
    return m.invitation_expires_at <= now ? "invitacion_vencida" : "invitacion_pendiente";
}

} // namespace

json to_json(const store::nomination_row& n) {
    json j = {{"id", n.id},
              {"role", n.role},
              {"role_label", domain::role_label(n.role)},
              {"attendee_id", n.attendee_id},
              {"nombre", n.nombre},
              {"sexo", n.sexo},
              {"by", n.nominated_by},
              {"created_at", n.created_at},
              {"present", n.present},
              {"withdrawn_at", nullptr}};
    if (!n.withdrawn_at.empty()) {
        j["withdrawn_at"] = n.withdrawn_at;
        j["withdrawn_by"] = n.withdrawn_by;
    }
    return j;
}

json roles_json() {
    json roles = json::array();
    for (auto r : domain::committee_roles)
        roles.push_back({{"role", domain::to_string(r)},
                         {"label", domain::role_label(r)},
                         {"max_seats", domain::max_seats(r)}});
    return roles;
}

json member_json(const store::member_row& m, bool staff_view, const std::string& now) {
    json j = {{"id", m.id},
              {"role", m.role},
              {"role_label", domain::role_label(m.role)},
              {"seat", m.seat},
              {"nombre", m.nombre},
              {"sexo", m.sexo},
              {"term", m.term},
              {"source", m.source},
              {"round_id", m.round_id},
              {"elected_at", m.elected_at}};
    if (staff_view) {
        j["revealed"] = m.revealed;
        j["account"] = account_state(m, now);
        j["invitation_issued_at"] =
            m.invitation_open ? json(m.invitation_issued_at) : json(nullptr);
        j["invitation_expires_at"] =
            m.invitation_open ? json(m.invitation_expires_at) : json(nullptr);
    }
    return j;
}

json invitation_json(const std::string& code, const std::string& clues,
                     const std::string& expires_at) {
    return {{"code", code},
            {"display", domain::display_invitation_code(code)},
            {"clues", clues},
            {"expires_at", expires_at},
            // A clinic page, so a proxy sharding by clinic routes the claim too.
            {"claim_url", "/c/" + clues + "/cosabi-cuenta"}};
}

} // namespace asamblea::server
