#include "app/followup/evidence.hpp"

#include "app/followup/work_command.hpp"
#include "domain/assembly/text_field.hpp"
#include "domain/followup/reason.hpp"

#include <cmath>

namespace asamblea::app {
namespace {

using domain::error_kind;
using namespace followup;

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
        if (domain::is_closed(mw.work.item.state))
            return domain::fail(error_kind::conflict, "work_closed",
                                "La obra ya está cerrada (" +
                                    std::string(domain::work_state_label(mw.work.item.state)) +
                                    "); no recibe más evidencia.",
                                "state");
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

} // namespace asamblea::app
