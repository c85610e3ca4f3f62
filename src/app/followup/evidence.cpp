#include "app/followup/evidence.hpp"

#include "app/followup/work_command.hpp"
#include "domain/assembly/text_field.hpp"
#include "domain/followup/reason.hpp"

#include <cmath>

namespace asamblea::app {
namespace {

using domain::error_kind;
using namespace followup;

domain::status require_open(const member_work& mw) {
    if (domain::is_closed(mw.work.item.state))
        return domain::fail(error_kind::conflict, "work_closed",
                            "La obra ya está cerrada (" +
                                std::string(domain::work_state_label(mw.work.item.state)) +
                                "); su evidencia ya no cambia.",
                            "state");
    return {};
}

domain::result<evidence_input> clean_input(evidence_input in) {
    auto note = domain::clean_text(in.note, {"note", "la nota", 0, domain::max_reason_chars, true});
    if (!note)
        return std::unexpected(note.error());
    in.note = *note;
    if (in.latitude.has_value() != in.longitude.has_value() ||
        (in.latitude && (!std::isfinite(*in.latitude) || std::abs(*in.latitude) > 90)) ||
        (in.longitude && (!std::isfinite(*in.longitude) || std::abs(*in.longitude) > 180)))
        return domain::fail(error_kind::invalid, "location_invalid",
                            "La ubicación de la foto no es válida.", "latitude");
    if (in.taken_at && in.taken_at->empty())
        in.taken_at.reset(); // an empty field is no time
    if (in.taken_at) {
        auto taken = domain::clean_text(*in.taken_at, {"taken_at", "la fecha de la foto", 1, 40});
        if (!taken)
            return std::unexpected(taken.error());
        in.taken_at = *taken;
    }
    return in;
}

} // namespace

command<work_event> add_evidence(std::int64_t user_id, std::int64_t work_id, evidence_input input,
                                 const file_source& files) {
    auto rule = [input](SQLite::Database&, const member_work& mw) -> domain::status {
        if (auto ok = require_open(mw); !ok)
            return ok;
        if (auto in = clean_input(input); !in)
            return std::unexpected(in.error());
        return {};
    };
    // Filled in prepare from the file itself; stored files never change (content-addressed).
    auto facts = std::make_shared<std::pair<std::string, std::optional<std::int64_t>>>();
    auto cmd =
        work_command(user_id, work_id, rule,
                     [input, facts](store::write_context& w, const std::string& clues,
                                    const member_work& mw, work_event& ev) -> domain::status {
                         auto in = clean_input(input);
                         store::evidence_row row;
                         row.work_id = mw.work.item.id;
                         row.kind = in->kind;
                         row.file_sha256 = in->file_sha256;
                         row.mime = facts->first;
                         row.size_bytes = facts->second;
                         row.taken_at = in->taken_at;
                         row.latitude = in->latitude;
                         row.longitude = in->longitude;
                         row.note = in->note;
                         row.uploaded_by = mw.actor.user_id;
                         ev.id = store::insert_evidence(w, row);
                         store::touch_work_item(w, mw.work.item.id);
                         // The place a photo was taken may be someone's home: the chain keeps
                         // whether there was one, not where.
                         nlohmann::json payload{{"work_id", mw.work.item.id},
                                                {"evidence_id", ev.id},
                                                {"kind", std::string(domain::to_string(in->kind))},
                                                {"file_sha256", in->file_sha256},
                                                {"mime", row.mime},
                                                {"located", in->latitude.has_value()}};
                         add_actor(payload, mw.actor);
                         w.audit("evidence.added", clues, payload);
                         return {};
                     });
    auto checked = std::move(cmd.prepare);
    cmd.prepare = [checked, input, facts, &files](scope& s) -> domain::result<work_event> {
        auto ev = checked(s);
        if (!ev)
            return ev;
        auto kind = files.kind_of(input.file_sha256);
        if (!kind)
            return domain::fail(error_kind::not_found, "file_not_found",
                                "No se encontró el archivo. Súbalo de nuevo.", "file_sha256");
        if (!domain::allowed_for(input.kind, *kind))
            return domain::fail(error_kind::invalid, "file_kind_not_allowed",
                                domain::is_photo(input.kind)
                                    ? "Una foto debe ser una imagen JPEG, PNG o WebP."
                                    : "El documento debe ser un PDF o una imagen.",
                                "file_sha256");
        facts->first = std::string(domain::mime_type(*kind));
        facts->second = files.size_of(input.file_sha256);
        return ev;
    };
    return cmd;
}

command<work_event> void_evidence(std::int64_t user_id, std::int64_t evidence_id,
                                  std::string reason) {
    auto find = [evidence_id](SQLite::Database& db,
                              const std::string& clues) -> domain::result<store::evidence_row> {
        auto e = store::find_evidence(db, clues, evidence_id);
        if (!e)
            return domain::fail(error_kind::not_found, "evidence_not_found",
                                "No existe esa evidencia en esta unidad.", "evidence_id");
        if (!e->voided_at.empty())
            return domain::fail(error_kind::conflict, "already_voided",
                                "Esa evidencia ya estaba anulada.");
        return *e;
    };
    auto rule = [find, reason](SQLite::Database& db, const member_work& mw) -> domain::status {
        if (auto e = find(db, mw.work.clues); !e)
            return std::unexpected(e.error());
        if (auto ok = require_open(mw); !ok)
            return ok;
        return domain::check_reason(reason, "Escriba por qué se anula la evidencia.");
    };
    auto write = [evidence_id, reason](store::write_context& w, const std::string& clues,
                                       const member_work& mw, work_event& ev) -> domain::status {
        auto e = store::find_evidence(w.db(), clues, evidence_id);
        if (!e || !store::void_evidence(w, evidence_id, reason))
            return domain::fail(error_kind::conflict, "already_voided",
                                "Esa evidencia ya estaba anulada.");
        store::touch_work_item(w, mw.work.item.id);
        ev.id = evidence_id;
        nlohmann::json payload{{"work_id", mw.work.item.id},
                               {"evidence_id", evidence_id},
                               {"kind", std::string(domain::to_string(e->kind))},
                               {"file_sha256", e->file_sha256},
                               {"reason", reason}};
        add_actor(payload, mw.actor);
        w.audit("evidence.voided", clues, payload);
        return {};
    };
    // The work item is the evidence's; another clinic's evidence is not found before anything.
    command<work_event> cmd;
    cmd.prepare = [user_id, find, rule](scope& s) -> domain::result<work_event> {
        if (auto actor = current_member(s.db(), s.clues, user_id); !actor)
            return std::unexpected(actor.error());
        auto e = find(s.db(), s.clues);
        if (!e)
            return std::unexpected(e.error());
        return work_command(user_id, e->work_id, rule, nullptr).prepare(s);
    };
    cmd.persist = [user_id, rule, write](store::write_context& w, const std::string& clues,
                                         work_event& ev) -> domain::status {
        return work_command(user_id, ev.work_id, rule, write).persist(w, clues, ev);
    };
    cmd.apply = no_reload;
    return cmd;
}

} // namespace asamblea::app
