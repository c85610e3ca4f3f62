#include "domain/followup/quote_rules.hpp"

#include "domain/assembly/text_field.hpp"
#include "domain/followup/civil_date.hpp"
#include "domain/followup/reason.hpp"
#include "domain/followup/rfc.hpp"

#include <algorithm>

namespace asamblea::domain {
namespace {

const quote* find_live(const std::vector<quote>& quotes, std::int64_t id) {
    auto it = std::find_if(quotes.begin(), quotes.end(),
                           [&](const quote& q) { return q.id == id && !q.voided; });
    return it == quotes.end() ? nullptr : &*it;
}

status check_fields(const quote& q) {
    auto supplier = clean_text(
        q.supplier, {"supplier", "el nombre del proveedor", 1, max_supplier_chars, false});
    if (!supplier)
        return fail(error_kind::invalid, "supplier_invalid", supplier.error().message, "supplier");
    if (auto rfc = check_rfc_input(q.rfc); !rfc)
        return rfc;
    if (q.amount <= 0)
        return fail(error_kind::invalid, "amount_invalid",
                    "El monto de la cotización debe ser mayor que cero.", "amount");
    auto date = parse_civil_date(q.date);
    if (!date)
        return fail(error_kind::invalid, "date_invalid",
                    "La fecha de la cotización debe ser una fecha válida (AAAA-MM-DD).", "date");
    if (!q.valid_until.empty()) {
        auto until = parse_civil_date(q.valid_until);
        if (!until || *until < *date)
            return fail(error_kind::invalid, "valid_until_invalid",
                        "La vigencia debe ser una fecha válida (AAAA-MM-DD), igual o posterior a "
                        "la fecha de la cotización.",
                        "valid_until");
    }
    return {};
}

} // namespace

status check_new_quote(const std::vector<quote>& existing, const quote& q, work_state s) {
    if (s != work_state::planeado && s != work_state::cotizando)
        return fail(error_kind::conflict, "quotes_closed",
                    "Solo se reciben cotizaciones mientras la obra está planeada o en cotización; "
                    "esta obra está en estado " +
                        std::string(work_state_label(s)) + ".",
                    "state");
    if (auto ok = check_fields(q); !ok)
        return ok;
    auto rfc = normalize_rfc(q.rfc);
    for (const auto& other : existing)
        if (!other.voided && normalize_rfc(other.rfc) == rfc)
            return fail(error_kind::conflict, "supplier_already_quoted",
                        "Este proveedor (RFC " + *rfc +
                            ") ya tiene una cotización para esta obra. Anule la anterior si "
                            "quiere reemplazarla.",
                        "rfc");
    return {};
}

int live_quotes(const std::vector<quote>& quotes) {
    return static_cast<int>(
        std::count_if(quotes.begin(), quotes.end(), [](const quote& q) { return !q.voided; }));
}

bool is_cheapest(const std::vector<quote>& quotes, std::int64_t id) {
    const quote* chosen = find_live(quotes, id);
    if (!chosen)
        return false;
    return std::none_of(quotes.begin(), quotes.end(),
                        [&](const quote& q) { return !q.voided && q.amount < chosen->amount; });
}

status check_choose(const std::vector<quote>& quotes, std::int64_t chosen_id,
                    std::string_view reason) {
    if (!find_live(quotes, chosen_id))
        return fail(error_kind::not_found, "quote_not_found",
                    "Esa cotización no existe o fue anulada.", "chosen_quote");
    if (is_cheapest(quotes, chosen_id))
        return {};
    return check_reason(reason, "Esta no es la cotización más barata: escriba por qué se elige. "
                                "La razón será pública.");
}

} // namespace asamblea::domain
