#include "server/views/ocds_json.hpp"

#include <algorithm>

namespace asamblea::server {
namespace {

using domain::work_state;
using nlohmann::json;

// The bid extension carries the quotes (core OCDS has no place for offers that lost).
constexpr const char* bid_extension = "https://raw.githubusercontent.com/"
                                      "open-contracting-extensions/ocds_bid_extension/v1.1.5/"
                                      "extension.json";

json value_of(domain::centavos c) {
    return {{"amount", static_cast<double>(c) / 100.0}, {"currency", "MXN"}};
}

// Quotes carry a day and invoices a local time without offset; OCDS wants full date-times.
// Mexico City keeps UTC−6 all year since 2022.
std::string day_start(const std::string& date) {
    return date.size() == 10 ? date + "T00:00:00-06:00" : std::string{};
}
std::string local_time(const std::string& t) {
    return t.size() == 19 && t[10] == 'T' ? t + "-06:00" : std::string{};
}

std::string supplier_id(const std::string& rfc) {
    return "MX-RFC-" + rfc;
}

// Where a stored file is: the public download when the server's origin is known (documents from
// the public follow-up's files; photos as the copy without their metadata, whose bytes therefore
// differ from the original the hash names), else its content address. The sha256 always names
// the original, so anyone holding a copy of a document can check it.
class file_links {
public:
    file_links(const std::string& origin, const std::string& clues)
        : base_(origin.empty() ? std::string{} : origin + "/api/public/c/" + clues) {}
    std::string document(const std::string& sha256) const {
        return base_.empty() ? urn(sha256) : base_ + "/files/" + sha256;
    }
    std::string photo(const std::string& sha256) const {
        return base_.empty() ? urn(sha256) : base_ + "/photos/" + sha256;
    }
    static std::string urn(const std::string& sha256) { return "urn:sha256:" + sha256; }

private:
    std::string base_;
};

json document(const std::string& id, const std::string& type, const std::string& title,
              const std::string& url, const std::string& mime = {}) {
    json d{{"id", id}, {"documentType", type}, {"title", title}, {"url", url}};
    if (!mime.empty())
        d["format"] = mime;
    return d;
}

// A piece of evidence as a document of the kind OCDS knows it by.
json evidence_document(const app::open_evidence& e, const file_links& link) {
    const std::string id = "evidencia-" + std::to_string(e.id);
    const std::string label(domain::evidence_kind_label(e.kind));
    switch (e.kind) {
    case domain::evidence_kind::entrega_recepcion:
        return document(id, "completionCertificate", label, link.document(e.sha256), e.mime);
    case domain::evidence_kind::contrato:
        return document(id, "contractSigned", label, link.document(e.sha256), e.mime);
    case domain::evidence_kind::documento:
        return document(id, "x_document", label, link.document(e.sha256), e.mime);
    default: // the photos
        return document(id, "physicalProgressReport", label, link.photo(e.sha256), e.mime);
    }
}

// Parties of one release, each once, with every role it plays.
class party_list {
public:
    void add(const std::string& id, const std::string& name, json identifier,
             const std::string& role) {
        auto it = std::find_if(parties_.begin(), parties_.end(),
                               [&](const json& p) { return p["id"] == id; });
        if (it == parties_.end()) {
            parties_.push_back({{"id", id},
                                {"name", name},
                                {"identifier", std::move(identifier)},
                                {"roles", json::array({role})}});
            return;
        }
        auto& roles = (*it)["roles"];
        if (std::find(roles.begin(), roles.end(), role) == roles.end())
            roles.push_back(role);
    }
    void add_supplier(const std::string& rfc, const std::string& name, const std::string& role) {
        add(supplier_id(rfc), name, {{"scheme", "MX-RFC"}, {"id", rfc}, {"legalName", name}}, role);
    }
    json take() { return std::move(parties_); }

private:
    json parties_ = json::array();
};

std::string tender_status(const app::open_work& w) {
    switch (w.state) {
    case work_state::planeado:
        return "planned";
    case work_state::cotizando:
        return "active";
    case work_state::detenido:
        return w.contracted_at.empty() ? "active" : "complete";
    case work_state::cancelado:
        return w.contracted_at.empty() ? "cancelled" : "complete";
    default:
        return "complete";
    }
}

std::string contract_status(work_state s) {
    switch (s) {
    case work_state::verificado:
        return "terminated";
    case work_state::cancelado:
        return "cancelled";
    default:
        return "active";
    }
}

std::string main_category(domain::category c) {
    return c == domain::category::obra || c == domain::category::mejoramiento ? "works" : "goods";
}

json milestone(const std::string& id, const std::string& title, const std::string& type,
               const std::string& met_at, bool cancelled) {
    json m{{"id", id},
           {"title", title},
           {"type", type},
           {"status", !met_at.empty() ? "met"
                      : cancelled     ? "notMet"
                                      : "scheduled"}};
    if (!met_at.empty())
        m["dateMet"] = met_at;
    return m;
}

json release_of(const app::open_clinic_followup& c, const app::open_work& w,
                const std::string& published_at, const file_links& link) {
    const std::string ocid = ocid_of(c.clinic.clues, w.edition, w.id);
    const std::string buyer_id = "MX-CLUES-" + c.clinic.clues + "-COSABI";
    const std::string buyer_name = "COSABI de " + c.clinic.nombre;
    const bool cancelled = w.state == work_state::cancelado;
    party_list parties;
    parties.add(buyer_id, buyer_name, {{"scheme", "MX-CLUES"}, {"id", c.clinic.clues}}, "buyer");
    parties.add(buyer_id, buyer_name, {}, "procuringEntity");
    json buyer{{"id", buyer_id}, {"name", buyer_name}};

    json tags = json::array({"planning"});
    json release{{"ocid", ocid},
                 {"id", ocid + "-" + (w.updated_at.empty() ? published_at : w.updated_at)},
                 {"date", w.updated_at.empty() ? published_at : w.updated_at},
                 {"initiationType", "tender"},
                 {"language", "es"},
                 {"buyer", buyer},
                 {"planning",
                  {{"rationale", "Propuesta elegida por la asamblea de salud " +
                                     std::to_string(w.edition) + " de " + c.clinic.nombre + "."},
                   {"budget",
                    {{"description", "Monto aprobado por la asamblea"},
                     {"amount", value_of(w.approved)}}}}}};

    // Tender: the quotes asked of suppliers, each a bid.
    json tender{{"id", ocid + "-cotizaciones"},
                {"title", w.title},
                {"status", tender_status(w)},
                {"procurementMethod", "limited"},
                {"procurementMethodDetails", "Cotizaciones solicitadas por el COSABI"},
                {"mainProcurementCategory", main_category(w.category)},
                {"value", value_of(w.approved)}};
    json item{{"id", "1"}, {"description", w.title}};
    if (w.quantity > 0)
        item["quantity"] = w.quantity;
    tender["items"] = json::array({item});
    json tenderers = json::array(), bids = json::array(), tender_docs = json::array();
    const app::open_quote* chosen = nullptr;
    for (const auto& q : w.quotes) {
        parties.add_supplier(q.rfc, q.supplier, "tenderer");
        json ref{{"id", supplier_id(q.rfc)}, {"name", q.supplier}};
        if (std::find(tenderers.begin(), tenderers.end(), ref) == tenderers.end())
            tenderers.push_back(ref);
        json bid{{"id", "cotizacion-" + std::to_string(q.id)},
                 {"status", "valid"},
                 {"tenderers", json::array({ref})},
                 {"value", value_of(q.amount)}};
        if (auto d = day_start(q.date); !d.empty())
            bid["date"] = d;
        bids.push_back(std::move(bid));
        if (!q.file_sha256.empty())
            tender_docs.push_back(document("cotizacion-" + std::to_string(q.id), "x_quote",
                                           "Cotización de " + q.supplier,
                                           link.document(q.file_sha256)));
        if (q.chosen)
            chosen = &q;
    }
    if (!w.quotes.empty()) {
        tender["numberOfTenderers"] = tenderers.size();
        tender["tenderers"] = std::move(tenderers);
        if (!tender_docs.empty())
            tender["documents"] = std::move(tender_docs);
        tags.push_back("tender");
    }
    release["tender"] = std::move(tender);
    if (!bids.empty())
        release["bids"] = {{"details", std::move(bids)}};

    // Award: the chosen quote, with the public reason when it was not the cheapest.
    if (chosen) {
        parties.add_supplier(chosen->rfc, chosen->supplier, "supplier");
        const std::string award_id = "adjudicacion-" + std::to_string(chosen->id);
        json award{{"id", award_id},
                   {"title", w.title},
                   {"status", cancelled && w.contracted_at.empty() ? "cancelled" : "active"},
                   {"value", value_of(chosen->amount)},
                   {"suppliers",
                    json::array({{{"id", supplier_id(chosen->rfc)}, {"name", chosen->supplier}}})}};
        if (!w.chosen_reason.empty())
            award["description"] = w.chosen_reason;
        if (!w.contracted_at.empty())
            award["date"] = w.contracted_at;
        release["awards"] = json::array({std::move(award)});
        tags.push_back("award");

        // Contract and implementation: once the work was contracted.
        if (!w.contracted_at.empty()) {
            json transactions = json::array(), impl_docs = json::array(),
                 contract_docs = json::array(), delivery_docs = json::array();
            for (const auto& e : w.expenses) {
                const std::string id = "gasto-" + std::to_string(e.id);
                if (!e.xml_sha256.empty())
                    impl_docs.push_back(document(
                        id + "-cfdi", "x_cfdi", "CFDI " + e.cfdi_uuid + " de " + e.supplier_name,
                        e.voided ? file_links::urn(e.xml_sha256) : link.document(e.xml_sha256),
                        "application/xml"));
                if (!e.pdf_sha256.empty())
                    impl_docs.push_back(document(
                        id + "-factura", "x_invoice", "Factura " + e.cfdi_uuid,
                        e.voided ? file_links::urn(e.pdf_sha256) : link.document(e.pdf_sha256),
                        "application/pdf"));
                if (e.voided) // money recorded and taken back is no payment
                    continue;
                parties.add_supplier(e.supplier_rfc, e.supplier_name, "payee");
                json t{{"id", e.cfdi_uuid},
                       {"value", value_of(e.amount)},
                       {"payer", buyer},
                       {"payee", {{"id", supplier_id(e.supplier_rfc)}, {"name", e.supplier_name}}}};
                if (auto d = local_time(e.date); !d.empty())
                    t["date"] = d;
                transactions.push_back(std::move(t));
            }
            parties.add(buyer_id, buyer_name, {}, "payer");
            for (const auto& e : w.evidence) {
                json d = evidence_document(e, link);
                if (e.kind == domain::evidence_kind::entrega_recepcion)
                    delivery_docs.push_back(std::move(d));
                else if (e.kind == domain::evidence_kind::contrato)
                    contract_docs.push_back(std::move(d));
                else
                    impl_docs.push_back(std::move(d));
            }
            json delivery = milestone("entrega-recepcion", "Entrega-recepción", "delivery",
                                      w.delivered_at, cancelled);
            if (!delivery_docs.empty())
                delivery["documents"] = std::move(delivery_docs);
            json implementation{
                {"milestones", json::array({std::move(delivery),
                                            milestone("verificacion", "Verificación del COSABI",
                                                      "assessment", w.verified_at, cancelled)})}};
            if (!transactions.empty())
                implementation["transactions"] = std::move(transactions);
            if (!impl_docs.empty())
                implementation["documents"] = std::move(impl_docs);
            json contract{{"id", "contrato-" + std::to_string(w.id)},
                          {"awardID", award_id},
                          {"title", w.title},
                          {"status", contract_status(w.state)},
                          {"value", value_of(chosen->amount)},
                          {"dateSigned", w.contracted_at},
                          {"implementation", std::move(implementation)}};
            if (!contract_docs.empty())
                contract["documents"] = std::move(contract_docs);
            release["contracts"] = json::array({std::move(contract)});
            tags.push_back("contract");
            tags.push_back("implementation");
        }
    }
    // Before a contract, what was gathered (the «antes» photos) documents the planning.
    if (w.contracted_at.empty() && !w.evidence.empty()) {
        json docs = json::array();
        for (const auto& e : w.evidence)
            docs.push_back(evidence_document(e, link));
        release["planning"]["documents"] = std::move(docs);
    }
    release["tag"] = std::move(tags);
    release["parties"] = parties.take();
    return release;
}

} // namespace

std::string ocid_of(const std::string& clues, int edition, std::int64_t work_id) {
    return std::string(ocds_prefix) + clues + "-" + std::to_string(edition) + "-" +
           std::to_string(work_id);
}

json ocds_release_package(const std::vector<app::open_clinic_followup>& clinics,
                          const std::string& uri, const std::string& published_at,
                          const std::string& origin) {
    json releases = json::array();
    for (const auto& c : clinics) {
        file_links link(origin, c.clinic.clues);
        for (const auto& w : c.works)
            releases.push_back(release_of(c, w, published_at, link));
    }
    return {{"uri", uri},
            {"version", "1.1"},
            {"extensions", json::array({bid_extension})},
            {"publishedDate", published_at},
            {"publisher", {{"name", "asamblea: asambleas de salud para el bienestar"}}},
            {"releases", std::move(releases)}};
}

} // namespace asamblea::server
