#include "app/followup/work_items.hpp"

#include "app/followup/work_command.hpp"
#include "domain/assembly/text_field.hpp"
#include "domain/followup/deadline.hpp"
#include "domain/followup/reason.hpp"
#include "domain/followup/work_transition.hpp"
#include "store/assembly_repo.hpp"
#include "store/crypto.hpp"
#include "store/deadline_repo.hpp"
#include "store/work_move_repo.hpp"
#include "store/work_note_repo.hpp"

namespace asamblea::app {
namespace {

using domain::error_kind;
using namespace followup;

// Longest list of serial numbers or inventory tags, and of each entry.
constexpr std::size_t max_equipment_entries = 500;
constexpr std::size_t max_equipment_entry_chars = 100;

domain::error work_state_changed() {
    return {error_kind::conflict, "work_state_changed",
            "La obra cambió mientras tanto. Actualice la página.", "", 0};
}

// A coordinator's work item, checked the same way before queueing and inside the write.
domain::result<new_work> check_new_work_item(SQLite::Database& db, const std::string& clues,
                                             new_work request) {
    auto budget = clinic_budget(db, clues);
    if (!budget)
        return std::unexpected(budget.error());
    if (request.edition < 2000 || request.edition > 9999)
        return domain::fail(error_kind::invalid, "edition_invalid", "El año no es válido.",
                            "edition");
    auto title = domain::clean_text(request.title, {"title", "el nombre de la obra", 1, 200});
    if (!title)
        return std::unexpected(title.error());
    request.title = *title;
    if (request.quantity < 0 || request.quantity > 100000)
        return domain::fail(error_kind::invalid, "quantity_invalid", "La cantidad no es válida.",
                            "quantity");
    if (request.category == domain::category::equipamiento && request.quantity == 0)
        request.quantity = 1;
    if (request.category != domain::category::equipamiento)
        request.quantity = 0;
    if (auto ok = domain::check_reason(request.reason,
                                       "Escriba por qué se agrega esta obra fuera de la votación.");
        !ok)
        return std::unexpected(ok.error());
    auto all = edition_money(db, clues, request.edition);
    if (auto ok = domain::check_new_work(*budget, all, request.approved); !ok)
        return std::unexpected(ok.error());
    return request;
}

} // namespace

command<work_event> add_work_item(new_work request) {
    return {
        .prepare = [request](scope& s) -> domain::result<work_event> {
            if (auto ok = check_new_work_item(s.db(), s.clues, request); !ok)
                return std::unexpected(ok.error());
            return work_event{};
        },
        .persist = [request](store::write_context& w, const std::string& clues,
                             work_event& ev) -> domain::status {
            auto checked = check_new_work_item(w.db(), clues, request);
            if (!checked)
                return std::unexpected(checked.error());
            store::work_item_row row;
            row.clues = clues;
            row.edition = checked->edition;
            if (auto a = store::find_assembly(w.db(), clues, checked->edition))
                row.assembly_id = a->id;
            row.item.title = checked->title;
            row.item.category = checked->category;
            row.item.approved = checked->approved;
            row.item.quantity = checked->quantity;
            row.origin = "coordinacion";
            row.origin_reason = checked->reason;
            row.created_by = checked->user_id;
            ev.work_id = ev.id = store::insert_work_item(w, row);
            w.audit("work.created", clues,
                    {{"work_id", ev.work_id},
                     {"edition", row.edition},
                     {"origin", row.origin},
                     {"reason", row.origin_reason},
                     {"title", row.item.title},
                     {"category", std::string(domain::to_string(row.item.category))},
                     {"approved", row.item.approved},
                     {"quantity", row.item.quantity},
                     {"user_id", checked->user_id}});
            return {};
        },
        .apply = no_reload,
    };
}

command<work_event> move_work(std::int64_t user_id, std::int64_t work_id, domain::work_state to,
                              std::string reason) {
    auto rule = [to, reason](SQLite::Database& db, const member_work& mw) -> domain::status {
        auto facts = gather(db, mw.work);
        return domain::check_move(mw.work.item, to, proof_of(facts), reason);
    };
    return work_command(
        user_id, work_id, rule,
        [to, reason](store::write_context& w, const std::string& clues, const member_work& mw,
                     work_event& ev) -> domain::status {
            auto facts = gather(w.db(), mw.work);
            auto after = domain::apply_move(mw.work.item, to, proof_of(facts), reason);
            if (!after)
                return std::unexpected(after.error());
            auto from = mw.work.item.state;
            if (!store::update_work_state(w, mw.work.item.id, from, *after))
                return std::unexpected(work_state_changed());
            bool with_reason =
                to == domain::work_state::detenido || to == domain::work_state::cancelado;
            ev.id = store::insert_work_move(w, {0,
                                                mw.work.item.id,
                                                from,
                                                after->state,
                                                with_reason ? reason : std::string(),
                                                mw.actor.user_id,
                                                mw.actor.member_id,
                                                "",
                                                {}});
            nlohmann::json payload{{"work_id", mw.work.item.id},
                                   {"move_id", ev.id},
                                   {"from", std::string(domain::to_string(from))},
                                   {"to", std::string(domain::to_string(after->state))}};
            if (with_reason)
                payload["reason"] = reason;
            add_actor(payload, mw.actor);
            w.audit("work.moved", clues, payload);
            return {};
        });
}

command<work_event> add_note(std::int64_t user_id, std::int64_t work_id, std::string text) {
    auto rule = [text](SQLite::Database&, const member_work&) -> domain::status {
        auto clean =
            domain::clean_text(text, {"text", "la nota", 1, domain::max_reason_chars, true});
        if (!clean)
            return std::unexpected(clean.error());
        return {};
    };
    return work_command(
        user_id, work_id, rule,
        [text](store::write_context& w, const std::string& clues, const member_work& mw,
               work_event& ev) -> domain::status {
            auto clean =
                domain::clean_text(text, {"text", "la nota", 1, domain::max_reason_chars, true});
            ev.id = store::insert_work_note(w, mw.work.item.id, *clean, mw.actor.user_id);
            store::touch_work_item(w, mw.work.item.id);
            // Free text may name people: the chain keeps only its digest.
            nlohmann::json payload{{"work_id", mw.work.item.id},
                                   {"note_id", ev.id},
                                   {"text_sha256", store::sha256_hex(*clean)}};
            add_actor(payload, mw.actor);
            w.audit("work.note", clues, payload);
            return {};
        });
}

command<work_event> set_equipment(std::int64_t user_id, std::int64_t work_id,
                                  equipment_input input) {
    auto clean_input = [](equipment_input in) -> domain::result<equipment_input> {
        auto brand = domain::clean_text(in.brand, {"brand", "la marca", 0, 200});
        if (!brand)
            return std::unexpected(brand.error());
        auto model = domain::clean_text(in.model, {"model", "el modelo", 0, 200});
        if (!model)
            return std::unexpected(model.error());
        equipment_input out{*brand, *model, {}, {}};
        auto list = [](const std::vector<std::string>& items, std::string_view field,
                       std::string_view subject, std::vector<std::string>& into) -> domain::status {
            if (items.size() > max_equipment_entries)
                return domain::fail(error_kind::invalid, "too_many_entries",
                                    "Son demasiados números (máximo " +
                                        std::to_string(max_equipment_entries) + ").",
                                    std::string(field));
            for (const auto& item : items) {
                auto clean =
                    domain::clean_text(item, {field, subject, 1, max_equipment_entry_chars});
                if (!clean)
                    return std::unexpected(clean.error());
                into.push_back(*clean);
            }
            return {};
        };
        if (auto ok = list(in.serials, "serials", "el número de serie", out.serials); !ok)
            return std::unexpected(ok.error());
        if (auto ok = list(in.inventory_tags, "inventory_tags", "el número de inventario",
                           out.inventory_tags);
            !ok)
            return std::unexpected(ok.error());
        return out;
    };
    auto rule = [input, clean_input](SQLite::Database&, const member_work& mw) -> domain::status {
        if (mw.work.item.category != domain::category::equipamiento)
            return domain::fail(error_kind::conflict, "not_equipment",
                                "Marca, modelo y números de serie son solo para equipamiento.");
        auto s = mw.work.item.state;
        if (s != domain::work_state::entregado && s != domain::work_state::verificado)
            return domain::fail(error_kind::conflict, "equipment_not_delivered",
                                "Marca, modelo y números de serie se registran cuando el equipo "
                                "ya se entregó.",
                                "state");
        if (auto clean = clean_input(input); !clean)
            return std::unexpected(clean.error());
        return {};
    };
    return work_command(user_id, work_id, rule,
                        [input, clean_input](store::write_context& w, const std::string& clues,
                                             const member_work& mw, work_event&) -> domain::status {
                            auto in = clean_input(input);
                            store::set_equipment(w, mw.work.item.id, in->brand, in->model,
                                                 in->serials, in->inventory_tags);
                            nlohmann::json payload{{"work_id", mw.work.item.id},
                                                   {"brand", in->brand},
                                                   {"model", in->model},
                                                   {"serials", in->serials},
                                                   {"inventory_tags", in->inventory_tags}};
                            add_actor(payload, mw.actor);
                            w.audit("work.equipment", clues, payload);
                            return {};
                        });
}

command<work_event> set_deadline(int edition, std::string date, std::int64_t user_id) {
    auto check = [edition, date]() -> domain::result<std::string> {
        if (edition < 2000 || edition > 9999)
            return domain::fail(error_kind::invalid, "edition_invalid", "El año no es válido.",
                                "edition");
        return domain::parse_deadline(date);
    };
    return {
        .prepare = [check](scope&) -> domain::result<work_event> {
            if (auto ok = check(); !ok)
                return std::unexpected(ok.error());
            return work_event{};
        },
        .persist = [check, edition, user_id](store::write_context& w, const std::string&,
                                             work_event&) -> domain::status {
            auto deadline = check();
            if (!deadline)
                return std::unexpected(deadline.error());
            auto previous = store::find_deadline(w.db(), edition);
            store::upsert_deadline(w, edition, *deadline, user_id);
            // The deadline is the edition's, for every clinic: the chain of no clinic.
            w.audit("deadline.set", "",
                    {{"edition", edition},
                     {"deadline", *deadline},
                     {"previous", previous ? previous->deadline : std::string()},
                     {"user_id", user_id}});
            return {};
        },
        .apply = no_reload,
    };
}

} // namespace asamblea::app
