#include "server/fleet/clinic_reads.hpp"

#include "server/fleet/merged_cache.hpp"
#include "server/fleet/national_parts.hpp"
#include "server/views/coordination_csv.hpp"
#include "server/views/json_mapping.hpp"
#include "store/assembly_repo.hpp"
#include "store/store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <numeric>
#include <tuple>

namespace asamblea::server {
namespace {

// The order of store::search_clinics (ORDER BY entidad, nombre, clues; SQLite's BINARY is a
// byte comparison, as std::string's).
bool clinic_before(const domain::clinic& a, const domain::clinic& b) {
    return std::tie(a.entidad, a.nombre, a.clues) < std::tie(b.entidad, b.nombre, b.clues);
}

} // namespace

nlohmann::json clinic_query_json(const store::clinic_query& q, bool with_csv) {
    return {{"q", q.text},    {"entidad", q.entidad},   {"institucion", q.institucion},
            {"page", q.page}, {"per_page", q.per_page}, {"csv", with_csv}};
}

store::clinic_query clinic_query_of(const nlohmann::json& j) {
    store::clinic_query q;
    j.at("q").get_to(q.text);
    j.at("entidad").get_to(q.entidad);
    j.at("institucion").get_to(q.institucion);
    j.at("page").get_to(q.page);
    j.at("per_page").get_to(q.per_page);
    return q;
}

nlohmann::json encode_clinic_part(const clinic_part& p) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : p.items)
        items.push_back(to_json(c));
    return {{"items", items}, {"csv_rows", p.csv_rows}, {"total", p.total}};
}

clinic_part decode_clinic_part(const nlohmann::json& j) {
    clinic_part p;
    const auto& items = j.at("items");
    for (const auto& c : items)
        p.items.push_back(decode_clinic_row(c));
    j.at("csv_rows").get_to(p.csv_rows);
    j.at("total").get_to(p.total);
    if (!p.csv_rows.empty() && p.csv_rows.size() != p.items.size())
        throw nlohmann::json::other_error::create(501, "csv_rows do not match items", &j);
    return p;
}

clinic_part local_clinics(app_context& ctx, const store::clinic_query& q, bool with_csv) {
    clinic_part p;
    auto db = ctx.store.readers().acquire();
    // One snapshot: the clinics and their assemblies agree.
    SQLite::Transaction snapshot(*db, SQLite::TransactionBehavior::DEFERRED);
    auto found = store::search_clinics(*db, q);
    p.total = found.total;
    p.items = std::move(found.items);
    if (!with_csv)
        return p;
    std::vector<std::string> clues;
    clues.reserve(p.items.size());
    for (const auto& c : p.items)
        clues.push_back(c.clues);
    auto assemblies = store::current_assemblies(*db, clues);
    // Each row as the CSV view writes it, without the file's mark and header.
    auto head = clinics_csv({}, {}).size();
    for (const auto& c : p.items)
        p.csv_rows.push_back(clinics_csv({c}, assemblies).substr(head));
    return p;
}

std::shared_ptr<const merged<clinic_part>>
fleet_clinics(app_context& ctx, const store::clinic_query& q, bool with_csv) {
    // Each shard's first page×per_page rows hold every row of the merged page.
    store::clinic_query first = q;
    first.page = 1;
    first.per_page = q.page * q.per_page;
    if (!ctx.fleet) {
        auto m = std::make_shared<merged<clinic_part>>();
        m->value = local_clinics(ctx, q, with_csv);
        return m;
    }
    auto query = clinic_query_json(first, with_csv);
    auto key = "clinics " + nlohmann::json{q.page, q.per_page}.dump() + query.dump();
    return cached<clinic_part>(ctx, key, [&] {
        auto m = std::make_shared<merged<clinic_part>>();
        auto parts = gather_parts<clinic_part>(ctx, "/api/fleet/clinics", query, decode_clinic_part,
                                               m->missing);
        parts.push_back(local_clinics(ctx, first, with_csv));
        std::vector<std::pair<domain::clinic, std::string>> rows;
        for (auto& p : parts) {
            m->value.total += p.total;
            for (std::size_t i = 0; i < p.items.size(); ++i)
                rows.emplace_back(std::move(p.items[i]),
                                  with_csv ? std::move(p.csv_rows[i]) : std::string());
        }
        std::sort(rows.begin(), rows.end(),
                  [](const auto& a, const auto& b) { return clinic_before(a.first, b.first); });
        auto from = std::min<std::size_t>(rows.size(), std::size_t(q.page - 1) * q.per_page);
        auto to = std::min<std::size_t>(rows.size(), from + q.per_page);
        std::size_t bytes = 0;
        for (auto i = from; i < to; ++i) {
            bytes += rows[i].second.size() + 200;
            m->value.items.push_back(std::move(rows[i].first));
            if (with_csv)
                m->value.csv_rows.push_back(std::move(rows[i].second));
        }
        return cache_entry(m, bytes);
    });
}

std::vector<std::string> local_entidades(app_context& ctx) {
    auto db = ctx.store.readers().acquire();
    return store::list_entidades(*db);
}

std::shared_ptr<const merged<std::vector<std::string>>> fleet_entidades(app_context& ctx) {
    using list = std::vector<std::string>;
    if (!ctx.fleet) {
        auto m = std::make_shared<merged<list>>();
        m->value = local_entidades(ctx);
        return m;
    }
    return cached<list>(ctx, "entidades", [&] {
        auto m = std::make_shared<merged<list>>();
        auto parts = gather_parts<list>(
            ctx, "/api/fleet/entidades", nlohmann::json::object(),
            [](const nlohmann::json& j) { return j.at("items").get<list>(); }, m->missing);
        parts.push_back(local_entidades(ctx));
        std::size_t bytes = 0;
        for (auto& p : parts)
            for (auto& e : p) {
                bytes += e.size();
                m->value.push_back(std::move(e));
            }
        std::sort(m->value.begin(), m->value.end());
        m->value.erase(std::unique(m->value.begin(), m->value.end()), m->value.end());
        return cache_entry(m, bytes);
    });
}

} // namespace asamblea::server
