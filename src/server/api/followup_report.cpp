// The informe (issue 14): the follow-up of a clinic's assembly as a printable PDF, for the
// clinic's staff (its committee, its moderator, a coordinator covering it).

#include "app/followup/board.hpp"
#include "domain/committee.hpp"
#include "domain/followup/quote_rules.hpp"
#include "domain/followup/work_state.hpp"
#include "server/api/access.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/api/followup_access.hpp"
#include "server/api/followup_params.hpp"
#include "server/api/path_params.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/informe_pdf.hpp"
#include "store/audit_chain.hpp"
#include "store/clock.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <charconv>

namespace asamblea::server {
namespace {

informe_money money_of(const domain::ledger_line& l) {
    return {l.asignado, l.comprometido, l.ejercido, l.comprobado, l.saldo};
}

informe_work to_informe(const app::work_detail& w) {
    const auto& s = w.summary;
    informe_work out;
    out.title = s.item.title;
    out.category = std::string(domain::category_label(s.item.category));
    out.state = std::string(domain::work_state_label(s.item.state));
    out.approved = s.item.approved;
    out.money = money_of(s.money);
    out.photos_before = s.photos_before;
    out.photos_during = s.photos_during;
    out.photos_after = s.photos_after;
    out.documents = s.documents;
    out.entrega_recepcion = s.entrega_recepcion;
    out.confirmations = s.confirmations;
    out.quote_exception = w.quote_exception;

    std::vector<domain::quote> quotes;
    for (const auto& q : w.quotes)
        quotes.push_back(q.q);
    for (const auto& q : w.quotes) {
        informe_quote iq;
        iq.supplier = q.q.supplier;
        iq.rfc = q.q.rfc;
        iq.date = q.q.date;
        iq.amount = q.q.amount;
        iq.voided = q.q.voided;
        iq.chosen = w.chosen_quote && *w.chosen_quote == q.q.id;
        iq.cheapest = domain::is_cheapest(quotes, q.q.id);
        if (iq.chosen && !iq.cheapest)
            iq.reason = w.chosen_reason;
        out.quotes.push_back(std::move(iq));
    }
    for (const auto& e : w.expenses)
        out.expenses.push_back({e.cfdi_uuid, e.emisor_nombre, e.emisor_rfc, e.fecha, e.amount,
                                !e.voided_at.empty(), e.void_reason});
    for (const auto& m : w.moves)
        out.moves.push_back({std::string(domain::work_state_label(m.from)),
                             std::string(domain::work_state_label(m.to)), m.reason,
                             m.by.role ? std::string(domain::role_label(*m.by.role)) : "", m.at});
    return out;
}

response followup_report(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    {
        auto db = ctx.store.readers().acquire();
        if (auto who = followup_staff(ctx, req, *clues, *db); !who)
            return error_response(who.error());
    }
    auto clinic = find_clinic(ctx, *clues);
    if (!clinic)
        return error_response(clinic.error());
    auto edition = edition_param(req);
    if (!edition)
        return error_response(edition.error());

    auto db = ctx.store.readers().acquire();
    auto board = app::read_board(*db, *clues, *edition, today_in_mexico_city());
    if (!board)
        return error_response(board.error());
    // An edition the clinic never had (no assembly, no work item) has nothing to report.
    if (*edition && std::find(board->editions.begin(), board->editions.end(), **edition) ==
                        board->editions.end())
        return error_response({domain::error_kind::not_found, "edition_not_found",
                               "La unidad no tiene asamblea ni obras de la edición " +
                                   std::to_string(**edition) + ".",
                               "edition", 0});

    informe_data d;
    d.clinic_name = clinic->nombre;
    d.clues = clinic->clues;
    d.municipio = clinic->municipio;
    d.entidad = clinic->entidad;
    d.edition = board->edition;
    d.budget = board->budget;
    d.money = money_of(board->clinic);
    d.spent = board->score.spent;
    d.proven = board->score.proven;
    d.proven_percent = board->score.proven_percent();
    d.photos_percent = board->score.photos_percent();
    d.delivered = board->score.delivered;
    d.delivered_with_photos = board->score.delivered_with_photos;
    d.deadline = board->deadline;
    if (board->deadline_status)
        d.deadline_text = board->deadline_status->text;
    auto works = app::read_works(*db, *board);
    if (!works)
        return error_response(works.error());
    for (const auto& work : *works)
        d.works.push_back(to_informe(work));
    auto head = store::read_chain_head(*db, *clues);
    d.chain_seq = head.seq;
    d.chain_hash = head.hash;
    d.generated_at = store::utc_now();

    return pdf_response(build_informe_pdf(d),
                        "informe-" + d.clues + "-" + std::to_string(d.edition) + ".pdf");
}

} // namespace

void add_followup_report_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/followup/report.pdf", followup_report);
}

} // namespace asamblea::server
