#include "app/followup/expenses.hpp"

#include "app/followup/work_command.hpp"
#include "documents/cfdi_reader.hpp"
#include "domain/followup/cfdi.hpp"
#include "domain/followup/reason.hpp"
#include "domain/followup/rfc.hpp"

#include <memory>

namespace asamblea::app {
namespace {

using domain::error_kind;
using namespace followup;

domain::status require_tesoreria(const member_actor& actor) {
    if (actor.role == domain::committee_role::tesoreria)
        return {};
    return domain::fail(error_kind::forbidden, "tesoreria_only",
                        "Solo tesorería del COSABI registra y anula los gastos.");
}

// The invoice as the domain checks it, from the raw attribute text of the XML.
domain::cfdi_invoice to_invoice(const documents::cfdi_fields& f) {
    domain::cfdi_invoice inv;
    inv.version = f.version;
    inv.emisor_rfc = domain::normalize_rfc(f.emisor_rfc).value_or(f.emisor_rfc);
    inv.emisor_nombre = f.emisor_nombre;
    inv.receptor_rfc = domain::normalize_rfc(f.receptor_rfc).value_or(f.receptor_rfc);
    inv.fecha = f.fecha;
    inv.uuid = domain::normalize_uuid(f.uuid).value_or(f.uuid);
    inv.moneda = f.moneda;
    inv.total = domain::parse_cfdi_amount(f.total).value_or(0);
    inv.subtotal = domain::parse_cfdi_amount(f.subtotal).value_or(0);
    return inv;
}

// The invoice is unused anywhere and its total fits the contract and the clinic's balance, as
// the given connection reads them (again inside the write: two expenses cannot overdraw).
domain::status check_fits(SQLite::Database& db, const member_work& mw,
                          const domain::cfdi_invoice& inv) {
    if (auto used = store::find_live_expense_by_uuid(db, inv.uuid))
        return domain::fail(error_kind::conflict, "cfdi_uuid_used",
                            "La factura con folio fiscal " + inv.uuid +
                                " ya está registrada como gasto (unidad " + used->clues +
                                ", obra " + std::to_string(used->work_id) +
                                "). Una factura se registra una sola vez.",
                            "xml_sha256");
    auto budget = clinic_budget(db, mw.work.clues);
    if (!budget)
        return std::unexpected(budget.error());
    auto all = edition_money(db, mw.work.clues, mw.work.edition);
    domain::work_money mine;
    for (const auto& m : all)
        if (m.work_id == mw.work.item.id)
            mine = m;
    return domain::check_expense(mine, *budget, all, inv.total);
}

struct read_invoice {
    domain::cfdi_invoice invoice;
    bool rfc_digit_ok = true;
};

domain::result<read_invoice> load_invoice(const file_source& files, const expense_input& in) {
    auto xml_kind = files.kind_of(in.xml_sha256);
    if (!xml_kind)
        return std::unexpected(file_not_found("xml_sha256"));
    if (*xml_kind != domain::file_kind::xml)
        return domain::fail(error_kind::invalid, "file_kind_not_allowed",
                            "La factura debe ser el archivo XML del CFDI.", "xml_sha256");
    auto pdf_kind = files.kind_of(in.pdf_sha256);
    if (!pdf_kind)
        return std::unexpected(file_not_found("pdf_sha256"));
    if (*pdf_kind != domain::file_kind::pdf)
        return domain::fail(error_kind::invalid, "file_kind_not_allowed",
                            "La representación impresa de la factura debe ser un PDF.",
                            "pdf_sha256");
    if (!in.payment_sha256.empty()) {
        auto kind = files.kind_of(in.payment_sha256);
        if (!kind)
            return std::unexpected(file_not_found("payment_sha256"));
        if (!domain::allowed_for(domain::evidence_kind::documento, *kind))
            return domain::fail(error_kind::invalid, "file_kind_not_allowed",
                                "El comprobante de pago debe ser un PDF o una imagen.",
                                "payment_sha256");
    }
    // One byte over the cap, so read_cfdi itself refuses an oversized invoice.
    auto xml = files.read(in.xml_sha256, documents::max_cfdi_bytes + 1);
    if (!xml)
        return std::unexpected(file_not_found("xml_sha256"));
    auto fields = documents::read_cfdi(*xml);
    if (!fields)
        return std::unexpected(fields.error());
    read_invoice out{to_invoice(*fields), true};
    if (auto ok = domain::check_invoice(out.invoice); !ok)
        return std::unexpected(ok.error());
    out.rfc_digit_ok = domain::check_rfc(out.invoice.emisor_rfc).check_digit_ok;
    return out;
}

} // namespace

std::optional<std::string> invoice_uuid(const file_source& files, const std::string& xml_sha256) {
    auto kind = files.kind_of(xml_sha256);
    if (!kind || *kind != domain::file_kind::xml)
        return std::nullopt;
    auto xml = files.read(xml_sha256, documents::max_cfdi_bytes + 1);
    if (!xml)
        return std::nullopt;
    auto fields = documents::read_cfdi(*xml);
    if (!fields)
        return std::nullopt;
    return domain::normalize_uuid(fields->uuid);
}

command<work_event> refused_expense(domain::error e) {
    command<work_event> cmd;
    cmd.prepare = [e](scope&) -> domain::result<work_event> { return std::unexpected(e); };
    cmd.persist = [e](store::write_context&, const std::string&, work_event&) -> domain::status {
        return std::unexpected(e);
    };
    return cmd;
}

command<work_event> record_expense(std::int64_t user_id, std::int64_t work_id, expense_input input,
                                   const file_source& files) {
    // Read once from the XML in prepare; the write checks its facts again against the store.
    auto invoice = std::make_shared<read_invoice>();
    auto rule = [](SQLite::Database&, const member_work& mw) {
        return require_tesoreria(mw.actor);
    };
    auto cmd =
        work_command(user_id, work_id, rule,
                     [input, invoice](store::write_context& w, const std::string& clues,
                                      const member_work& mw, work_event& ev) -> domain::status {
                         const auto& inv = invoice->invoice;
                         if (auto ok = check_fits(w.db(), mw, inv); !ok)
                             return ok;
                         store::expense_row row;
                         row.work_id = mw.work.item.id;
                         row.clues = clues;
                         row.amount = inv.total;
                         row.cfdi_uuid = inv.uuid;
                         row.emisor_rfc = inv.emisor_rfc;
                         row.emisor_nombre = inv.emisor_nombre;
                         row.fecha = inv.fecha;
                         row.xml_sha256 = input.xml_sha256;
                         row.pdf_sha256 = input.pdf_sha256;
                         row.payment_sha256 = input.payment_sha256;
                         row.recorded_by = mw.actor.user_id;
                         ev.id = store::insert_expense(w, row);
                         store::touch_work_item(w, mw.work.item.id);
                         nlohmann::json payload{{"work_id", mw.work.item.id},
                                                {"expense_id", ev.id},
                                                {"amount", inv.total},
                                                {"cfdi_uuid", inv.uuid},
                                                {"fecha", inv.fecha},
                                                {"xml_sha256", input.xml_sha256},
                                                {"pdf_sha256", input.pdf_sha256},
                                                {"payment_sha256", input.payment_sha256}};
                         add_actor(payload, mw.actor);
                         w.audit("expense.recorded", clues, payload);
                         return {};
                     });
    auto checked = std::move(cmd.prepare);
    cmd.prepare = [checked, input, invoice, user_id, work_id,
                   &files](scope& s) -> domain::result<work_event> {
        auto ev = checked(s);
        if (!ev)
            return ev;
        auto read = load_invoice(files, input);
        if (!read)
            return std::unexpected(read.error());
        *invoice = *read;
        auto mw = member_on_work(s.db(), s.clues, user_id, work_id);
        if (!mw)
            return std::unexpected(mw.error());
        if (auto ok = check_fits(s.db(), *mw, invoice->invoice); !ok)
            return std::unexpected(ok.error());
        if (!invoice->rfc_digit_ok)
            ev->warnings.push_back("rfc_digit");
        return ev;
    };
    return cmd;
}

command<work_event> void_expense(std::int64_t user_id, std::int64_t expense_id,
                                 std::string reason) {
    auto find = [expense_id](SQLite::Database& db,
                             const std::string& clues) -> domain::result<store::expense_row> {
        auto e = store::find_expense(db, clues, expense_id);
        if (!e)
            return domain::fail(error_kind::not_found, "expense_not_found",
                                "No existe ese gasto en esta unidad.", "expense_id");
        if (!e->voided_at.empty())
            return domain::fail(error_kind::conflict, "already_voided",
                                "Ese gasto ya estaba anulado.");
        return *e;
    };
    auto check = [user_id, find, reason](SQLite::Database& db, const std::string& clues)
        -> domain::result<std::pair<member_actor, store::expense_row>> {
        auto actor = current_member(db, clues, user_id);
        if (!actor)
            return std::unexpected(actor.error());
        if (auto ok = require_tesoreria(*actor); !ok)
            return std::unexpected(ok.error());
        auto e = find(db, clues);
        if (!e)
            return std::unexpected(e.error());
        if (auto ok = domain::check_reason(reason, "Escriba por qué se anula el gasto."); !ok)
            return std::unexpected(ok.error());
        return std::pair{std::move(*actor), std::move(*e)};
    };
    return {
        .prepare = [check](scope& s) -> domain::result<work_event> {
            auto c = check(s.db(), s.clues);
            if (!c)
                return std::unexpected(c.error());
            return work_event{c->second.work_id, c->second.id, {}};
        },
        .persist = [check, reason](store::write_context& w, const std::string& clues,
                                   work_event& ev) -> domain::status {
            auto c = check(w.db(), clues);
            if (!c)
                return std::unexpected(c.error());
            const auto& [actor, e] = *c;
            if (!store::void_expense(w, e.id, reason))
                return domain::fail(error_kind::conflict, "already_voided",
                                    "Ese gasto ya estaba anulado.");
            store::touch_work_item(w, e.work_id);
            ev = {e.work_id, e.id, {}};
            nlohmann::json payload{{"work_id", e.work_id},
                                   {"expense_id", e.id},
                                   {"amount", e.amount},
                                   {"cfdi_uuid", e.cfdi_uuid},
                                   {"reason", reason}};
            add_actor(payload, actor);
            w.audit("expense.voided", clues, payload);
            return {};
        },
        .apply = no_reload,
    };
}

} // namespace asamblea::app
