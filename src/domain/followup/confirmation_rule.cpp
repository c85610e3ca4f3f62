#include "domain/followup/confirmation_rule.hpp"

#include <string>

namespace asamblea::domain {

bool confirmations_complete(const std::vector<confirmation>& confirmations) {
    for (std::size_t i = 0; i < confirmations.size(); ++i)
        for (std::size_t j = i + 1; j < confirmations.size(); ++j)
            if (confirmations[i].member_id != confirmations[j].member_id &&
                confirmations[i].role != confirmations[j].role)
                return true;
    return false;
}

status check_can_confirm(work_state s) {
    if (s == work_state::entregado)
        return {};
    if (is_closed(s))
        return fail(error_kind::conflict, "work_closed",
                    "Esta obra ya está cerrada (" + std::string(work_state_label(s)) +
                        "): no se puede confirmar.",
                    "state");
    return fail(error_kind::conflict, "not_delivered",
                "Solo se confirma una obra entregada; esta obra está en estado " +
                    std::string(work_state_label(s)) + ".",
                "state");
}

status check_confirm(const std::vector<confirmation>& existing, const confirmation& next) {
    for (const auto& c : existing)
        if (c.member_id == next.member_id)
            return fail(error_kind::conflict, "already_confirmed",
                        "Usted ya confirmó esta obra: falta la confirmación de otro integrante "
                        "del COSABI con un cargo distinto.",
                        "member_id");
    return {};
}

} // namespace asamblea::domain
