#include "app/followup/confirmations.hpp"

#include "app/followup/work_command.hpp"
#include "domain/followup/confirmation_rule.hpp"
#include "domain/followup/work_transition.hpp"
#include "store/work_move_repo.hpp"

namespace asamblea::app {
namespace {

using namespace followup;

domain::status check_confirmation(SQLite::Database& db, const member_work& mw) {
    if (auto ok = domain::check_can_confirm(mw.work.item.state); !ok)
        return ok;
    auto facts = gather(db, mw.work);
    return domain::check_confirm(proof_of(facts).confirmations,
                                 {mw.actor.member_id, mw.actor.role});
}

} // namespace

command<work_event> confirm_work(std::int64_t user_id, std::int64_t work_id) {
    return work_command(
        user_id, work_id, check_confirmation,
        [user_id](store::write_context& w, const std::string& clues, const member_work& mw,
                  work_event& ev) -> domain::status {
            ev.id = store::insert_confirmation(
                w, {0, mw.work.item.id, mw.actor.member_id, mw.actor.role, user_id, ""});
            nlohmann::json payload{{"work_id", mw.work.item.id}, {"confirmation_id", ev.id}};
            add_actor(payload, mw.actor);
            auto facts = gather(w.db(), mw.work);
            auto proof = proof_of(facts);
            bool complete = domain::confirmations_complete(proof.confirmations);
            payload["complete"] = complete;
            w.audit("work.confirmed", clues, payload);
            if (!complete) {
                store::touch_work_item(w, mw.work.item.id);
                return {};
            }
            // The second confirmation of another role verifies the work item, in this write.
            auto to = domain::work_state::verificado;
            auto after = domain::apply_move(mw.work.item, to, proof, "");
            if (!after)
                return std::unexpected(after.error());
            auto from = mw.work.item.state;
            if (!store::update_work_state(w, mw.work.item.id, from, *after))
                return domain::fail(domain::error_kind::conflict, "state_changed",
                                    "La obra cambió mientras tanto. Actualice la página.");
            auto move_id = store::insert_work_move(
                w,
                {0, mw.work.item.id, from, after->state, "", user_id, mw.actor.member_id, "", {}});
            nlohmann::json moved{{"work_id", mw.work.item.id},
                                 {"move_id", move_id},
                                 {"from", std::string(domain::to_string(from))},
                                 {"to", std::string(domain::to_string(after->state))}};
            add_actor(moved, mw.actor);
            w.audit("work.moved", clues, moved);
            return {};
        });
}

} // namespace asamblea::app
