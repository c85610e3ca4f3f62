#include "server/fleet/open_data_reads.hpp"

#include "server/fleet/merged_cache.hpp"
#include "server/fleet/national_parts.hpp"
#include "server/views/json_mapping.hpp"
#include "store/store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <algorithm>

namespace asamblea::server {
namespace {

using nlohmann::json;

// An enum's name back, or the part does not read.
template <class T, class Parse> T open_part_enum(const json& j, Parse parse) {
    auto v = parse(j.get<std::string>());
    if (!v)
        throw json::other_error::create(501, "unknown value " + j.dump(), &j);
    return *v;
}

json open_part_work(const app::open_work& w) {
    json quotes = json::array(), expenses = json::array(), evidence = json::array();
    for (const auto& q : w.quotes)
        quotes.push_back({{"id", q.id},
                          {"supplier", q.supplier},
                          {"rfc", q.rfc},
                          {"amount", q.amount},
                          {"date", q.date},
                          {"file_sha256", q.file_sha256},
                          {"chosen", q.chosen}});
    for (const auto& e : w.expenses)
        expenses.push_back({{"id", e.id},
                            {"supplier_rfc", e.supplier_rfc},
                            {"supplier_name", e.supplier_name},
                            {"amount", e.amount},
                            {"cfdi_uuid", e.cfdi_uuid},
                            {"date", e.date},
                            {"xml_sha256", e.xml_sha256},
                            {"pdf_sha256", e.pdf_sha256},
                            {"voided", e.voided},
                            {"void_reason", e.void_reason}});
    for (const auto& e : w.evidence)
        evidence.push_back({{"id", e.id},
                            {"kind", domain::to_string(e.kind)},
                            {"sha256", e.sha256},
                            {"mime", e.mime},
                            {"taken_on", e.taken_on}});
    return {{"id", w.id},
            {"edition", w.edition},
            {"title", w.title},
            {"category", domain::to_string(w.category)},
            {"approved", w.approved},
            {"state", domain::to_string(w.state)},
            {"quantity", w.quantity},
            {"created_at", w.created_at},
            {"updated_at", w.updated_at},
            {"contracted_at", w.contracted_at},
            {"delivered_at", w.delivered_at},
            {"verified_at", w.verified_at},
            {"cancelled_at", w.cancelled_at},
            {"quotes", quotes},
            {"chosen_quote", w.chosen_quote ? json(*w.chosen_quote) : json(nullptr)},
            {"chosen_reason", w.chosen_reason},
            {"expenses", expenses},
            {"evidence", evidence}};
}

app::open_work open_part_work_of(const json& j) {
    app::open_work w;
    j.at("id").get_to(w.id);
    j.at("edition").get_to(w.edition);
    j.at("title").get_to(w.title);
    w.category = open_part_enum<domain::category>(
        j.at("category"), [](std::string_view s) { return domain::parse_category(s); });
    j.at("approved").get_to(w.approved);
    w.state = open_part_enum<domain::work_state>(
        j.at("state"), [](std::string_view s) { return domain::parse_work_state(s); });
    j.at("quantity").get_to(w.quantity);
    j.at("created_at").get_to(w.created_at);
    j.at("updated_at").get_to(w.updated_at);
    j.at("contracted_at").get_to(w.contracted_at);
    j.at("delivered_at").get_to(w.delivered_at);
    j.at("verified_at").get_to(w.verified_at);
    j.at("cancelled_at").get_to(w.cancelled_at);
    for (const auto& q : j.at("quotes")) {
        app::open_quote o;
        q.at("id").get_to(o.id);
        q.at("supplier").get_to(o.supplier);
        q.at("rfc").get_to(o.rfc);
        q.at("amount").get_to(o.amount);
        q.at("date").get_to(o.date);
        q.at("file_sha256").get_to(o.file_sha256);
        q.at("chosen").get_to(o.chosen);
        w.quotes.push_back(std::move(o));
    }
    if (!j.at("chosen_quote").is_null())
        w.chosen_quote = j.at("chosen_quote").get<std::int64_t>();
    j.at("chosen_reason").get_to(w.chosen_reason);
    for (const auto& e : j.at("expenses")) {
        app::open_expense o;
        e.at("id").get_to(o.id);
        e.at("supplier_rfc").get_to(o.supplier_rfc);
        e.at("supplier_name").get_to(o.supplier_name);
        e.at("amount").get_to(o.amount);
        e.at("cfdi_uuid").get_to(o.cfdi_uuid);
        e.at("date").get_to(o.date);
        e.at("xml_sha256").get_to(o.xml_sha256);
        e.at("pdf_sha256").get_to(o.pdf_sha256);
        e.at("voided").get_to(o.voided);
        e.at("void_reason").get_to(o.void_reason);
        w.expenses.push_back(std::move(o));
    }
    for (const auto& e : j.at("evidence")) {
        app::open_evidence o;
        e.at("id").get_to(o.id);
        o.kind = open_part_enum<domain::evidence_kind>(
            e.at("kind"), [](std::string_view s) { return domain::parse_evidence_kind(s); });
        e.at("sha256").get_to(o.sha256);
        e.at("mime").get_to(o.mime);
        e.at("taken_on").get_to(o.taken_on);
        w.evidence.push_back(std::move(o));
    }
    return w;
}

} // namespace

nlohmann::json encode_open_followup_part(const open_followups& clinics) {
    json list = json::array();
    for (const auto& c : clinics) {
        json works = json::array();
        for (const auto& w : c.works)
            works.push_back(open_part_work(w));
        list.push_back({{"clinic", to_json(c.clinic)}, {"works", works}});
    }
    return {{"clinics", list}};
}

open_followups decode_open_followup_part(const nlohmann::json& j) {
    open_followups out;
    for (const auto& c : j.at("clinics")) {
        app::open_clinic_followup f;
        f.clinic = decode_clinic_row(c.at("clinic"));
        for (const auto& w : c.at("works"))
            f.works.push_back(open_part_work_of(w));
        out.push_back(std::move(f));
    }
    return out;
}

open_followups local_open_followup(app_context& ctx) {
    auto db = ctx.store.readers().acquire();
    // One snapshot: the works, their quotes and expenses agree with each other.
    SQLite::Transaction snapshot(*db);
    return app::read_open_followup_all(*db);
}

std::shared_ptr<const merged<open_followups>> fleet_open_followup(app_context& ctx) {
    auto compute = [&] {
        auto m = std::make_shared<merged<open_followups>>();
        m->value = local_open_followup(ctx);
        std::size_t bytes = 0;
        if (ctx.fleet) {
            auto parts =
                gather_parts<open_followups>(ctx, "/api/fleet/open/followup", json::object(),
                                             decode_open_followup_part, m->missing);
            for (auto& p : parts)
                std::move(p.begin(), p.end(), std::back_inserter(m->value));
            // By CLUES, as one shard's read_open_followup_all sorts them; each clinic is on one
            // shard (a moved-out clinic is left out of its old shard's reads).
            std::stable_sort(m->value.begin(), m->value.end(), [](const auto& a, const auto& b) {
                return a.clinic.clues < b.clinic.clues;
            });
            bytes = encode_open_followup_part(m->value).dump().size();
        }
        return cache_entry(m, bytes);
    };
    return cached<open_followups>(ctx, "open followup", compute);
}

} // namespace asamblea::server
