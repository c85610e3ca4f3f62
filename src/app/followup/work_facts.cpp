#include "app/followup/work_facts.hpp"

#include "store/clinic_repo.hpp"

namespace asamblea::app::followup {
namespace {

using domain::work_state;

// The states in which the chosen quote is a contract: contratado and every state after it.
bool under_contract(work_state s) {
    return s == work_state::contratado || s == work_state::en_ejecucion ||
           s == work_state::entregado || s == work_state::verificado || s == work_state::cancelado;
}

} // namespace

domain::result<store::work_item_row> find_work(SQLite::Database& db, const std::string& clues,
                                               std::int64_t work_id) {
    auto row = store::find_work_item(db, clues, work_id);
    if (!row)
        return domain::fail(domain::error_kind::not_found, "work_not_found",
                            "No existe esa obra en esta unidad.", "work_id");
    return *row;
}

work_facts gather(SQLite::Database& db, store::work_item_row row) {
    work_facts f;
    auto id = row.item.id;
    f.row = std::move(row);
    f.quotes = store::list_quotes(db, id);
    f.evidence = store::list_evidence(db, id);
    f.confirmations = store::list_confirmations(db, id);
    f.expenses = store::list_expenses(db, id);
    return f;
}

domain::work_proof proof_of(const work_facts& f) {
    domain::work_proof p;
    p.quotes = domain::live_quotes(store::to_quotes(f.quotes));
    p.quote_exception = !f.row.quote_exception.empty();
    if (f.row.chosen_quote_id)
        for (const auto& q : f.quotes)
            if (q.q.id == *f.row.chosen_quote_id && !q.q.voided)
                p.chosen_quote = q.q.id;
    for (const auto& e : f.evidence) {
        if (!e.voided_at.empty())
            continue;
        switch (e.kind) {
        case domain::evidence_kind::foto_antes:
            ++p.photos_before;
            break;
        case domain::evidence_kind::foto_durante:
            ++p.photos_during;
            break;
        case domain::evidence_kind::foto_despues:
            ++p.photos_after;
            break;
        case domain::evidence_kind::entrega_recepcion:
            p.entrega_recepcion = true;
            break;
        default:
            break;
        }
    }
    for (const auto& c : f.confirmations)
        p.confirmations.push_back({c.member_id, c.role});
    return p;
}

domain::work_money money_of(const work_facts& f) {
    domain::work_money m;
    m.work_id = f.row.item.id;
    m.state = f.row.item.state;
    m.approved = f.row.item.approved;
    auto phase =
        m.state == work_state::detenido && f.row.item.resumes_to ? *f.row.item.resumes_to : m.state;
    if (under_contract(phase) && f.row.chosen_quote_id)
        for (const auto& q : f.quotes)
            if (q.q.id == *f.row.chosen_quote_id)
                m.contracted = q.q.amount;
    for (const auto& e : f.expenses) {
        if (!e.voided_at.empty())
            continue;
        m.spent += e.amount;
        // Every expense is recorded with its CFDI and its PDF, so what is spent is proven.
        if (!e.xml_sha256.empty() && !e.pdf_sha256.empty())
            m.proven += e.amount;
    }
    return m;
}

std::vector<domain::work_money> edition_money(SQLite::Database& db, const std::string& clues,
                                              int edition) {
    std::vector<domain::work_money> out;
    for (auto& row : store::list_work_items(db, clues, edition))
        out.push_back(money_of(gather(db, std::move(row))));
    return out;
}

domain::result<domain::centavos> clinic_budget(SQLite::Database& db, const std::string& clues) {
    auto clinic = store::find_clinic(db, clues);
    if (!clinic)
        return domain::fail(domain::error_kind::not_found, "not_found",
                            "No existe la unidad «" + clues + "».", "clues");
    return clinic->presupuesto;
}

domain::result<member_work> member_on_work(SQLite::Database& db, const std::string& clues,
                                           std::int64_t user_id, std::int64_t work_id) {
    auto actor = current_member(db, clues, user_id);
    if (!actor)
        return std::unexpected(actor.error());
    auto work = find_work(db, clues, work_id);
    if (!work)
        return std::unexpected(work.error());
    return member_work{std::move(*actor), std::move(*work)};
}

domain::status require_quoting(domain::work_state s) {
    if (s == work_state::planeado || s == work_state::cotizando)
        return {};
    return domain::fail(domain::error_kind::conflict, "quotes_closed",
                        "Las cotizaciones solo se registran, anulan o eligen mientras la obra "
                        "está planeada o cotizando; esta obra está en estado " +
                            std::string(domain::work_state_label(s)) + ".",
                        "state");
}

void add_actor(nlohmann::json& payload, const member_actor& actor) {
    payload["member_id"] = actor.member_id;
    payload["role"] = std::string(domain::to_string(actor.role));
}

} // namespace asamblea::app::followup
