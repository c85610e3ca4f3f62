#include "server/fleet/national_reads.hpp"

#include "app/transparency/national_merge.hpp"
#include "server/fleet/merged_cache.hpp"
#include "store/red_flag_repo.hpp"
#include "store/store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <algorithm>

namespace asamblea::server {
namespace {} // namespace

nlohmann::json filter_json(const store::national_filter& f) {
    return {{"entidad", f.entidad},
            {"estado", f.estado},
            {"after", f.after},
            {"limit", f.limit},
            {"scope", f.scope}};
}

store::national_filter filter_of(const nlohmann::json& j) {
    store::national_filter f;
    j.at("entidad").get_to(f.entidad);
    j.at("estado").get_to(f.estado);
    j.at("after").get_to(f.after);
    j.at("limit").get_to(f.limit);
    j.at("scope").get_to(f.scope);
    return f;
}

nlohmann::json followup_query_json(const app::national_followup_query& q) {
    return {{"edition", q.edition ? nlohmann::json(*q.edition) : nlohmann::json(nullptr)},
            {"institucion", q.institucion},
            {"entidad", q.entidad},
            {"stalled_days", q.stalled_days},
            {"today", q.today}};
}

app::national_followup_query followup_query_of(const nlohmann::json& j) {
    app::national_followup_query q;
    if (!j.at("edition").is_null())
        q.edition = j.at("edition").get<int>();
    j.at("institucion").get_to(q.institucion);
    j.at("entidad").get_to(q.entidad);
    j.at("stalled_days").get_to(q.stalled_days);
    j.at("today").get_to(q.today);
    return q;
}

store::national_dashboard local_dashboard(app_context& ctx, const store::national_filter& f) {
    auto db = ctx.store.readers().acquire();
    return store::read_national_dashboard(*db, f);
}

app::national_live local_live(app_context& ctx, const std::string& institucion,
                              const std::string& entidad) {
    auto db = ctx.store.readers().acquire();
    return app::read_national_live(*db, institucion, entidad);
}

app::national_followup local_followup(app_context& ctx, const app::national_followup_query& q) {
    auto db = ctx.store.readers().acquire();
    // One snapshot: the clinics, their works and their money agree with each other.
    SQLite::Transaction snapshot(*db);
    return app::read_national_followup(*db, q);
}

domain::result<flag_part> local_flags(app_context& ctx, std::optional<int> edition,
                                      const std::string& today) {
    auto db = ctx.store.readers().acquire();
    SQLite::Transaction snapshot(*db);
    auto in = app::read_flag_input(*db, edition, today);
    if (!in)
        return std::unexpected(in.error());
    flag_part p;
    p.shard = ctx.fleet ? ctx.fleet->self() : std::string();
    p.thresholds_set = store::find_flag_thresholds(*db, in->edition).has_value();
    p.reviews = store::list_flag_reviews(*db, in->edition);
    p.input = std::move(*in);
    return p;
}

std::shared_ptr<const merged<store::national_dashboard>>
fleet_dashboard(app_context& ctx, const store::national_filter& f) {
    auto query = filter_json(f);
    return cached<store::national_dashboard>(ctx, "dashboard " + query.dump(), [&] {
        auto m = std::make_shared<merged<store::national_dashboard>>();
        m->value = local_dashboard(ctx, f);
        if (!ctx.fleet)
            return cache_entry(m, 0);
        auto parts = gather_parts<store::national_dashboard>(
            ctx, "/api/fleet/national/dashboard", query, decode_dashboard_part, m->missing);
        parts.push_back(std::move(m->value));
        m->value = app::merge_dashboards(std::move(parts), f.limit);
        auto bytes = encode_dashboard_part(m->value).dump().size();
        return cache_entry(m, bytes);
    });
}

std::shared_ptr<const merged<app::national_live>>
fleet_live(app_context& ctx, const std::string& institucion, const std::string& entidad) {
    nlohmann::json query{{"institucion", institucion}, {"entidad", entidad}};
    return cached<app::national_live>(ctx, "live " + query.dump(), [&] {
        auto m = std::make_shared<merged<app::national_live>>();
        m->value = local_live(ctx, institucion, entidad);
        if (!ctx.fleet)
            return cache_entry(m, 0);
        auto parts = gather_parts<app::national_live>(ctx, "/api/fleet/national/live", query,
                                                      decode_live_part, m->missing);
        parts.push_back(std::move(m->value));
        m->value = app::merge_live(std::move(parts));
        auto bytes = encode_live_part(m->value).dump().size();
        return cache_entry(m, bytes);
    });
}

std::shared_ptr<const merged<app::national_followup>>
fleet_followup(app_context& ctx, const app::national_followup_query& q) {
    auto query = followup_query_json(q);
    return cached<app::national_followup>(ctx, "followup " + query.dump(), [&] {
        auto m = std::make_shared<merged<app::national_followup>>();
        m->value = local_followup(ctx, q);
        if (!ctx.fleet)
            return cache_entry(m, 0);
        auto parts = gather_parts<app::national_followup>(ctx, "/api/fleet/national/followup",
                                                          query, decode_followup_part, m->missing);
        parts.push_back(std::move(m->value));
        m->value = app::merge_followups(std::move(parts), q.edition);
        auto bytes = encode_followup_part(m->value).dump().size();
        return cache_entry(m, bytes);
    });
}

void forget_fleet_flags(app_context& ctx) {
    if (ctx.national_cache)
        ctx.national_cache->forget("flags ");
}

domain::result<std::shared_ptr<const merged<flag_part>>>
fleet_flags(app_context& ctx, std::optional<int> edition, const std::string& today) {
    nlohmann::json query{{"edition", edition ? nlohmann::json(*edition) : nlohmann::json(nullptr)},
                         {"today", today}};
    // The local read checks the edition before any peer is asked.
    auto own = local_flags(ctx, edition, today);
    if (!own)
        return std::unexpected(own.error());
    return cached<flag_part>(ctx, "flags " + query.dump(), [&] {
        auto m = std::make_shared<merged<flag_part>>();
        if (!ctx.fleet) {
            m->value = std::move(*own);
            return cache_entry(m, 0);
        }
        auto parts = gather_parts<flag_part>(ctx, "/api/fleet/red-flags", query, decode_flag_part,
                                             m->missing);
        parts.push_back(std::move(*own));
        // The edition: the asked one, else the newest of any shard (a shard whose newest is
        // older has no work in it).
        int chosen = 0;
        for (const auto& p : parts)
            chosen = std::max(chosen, p.input.edition);
        // Thresholds are those of the first shard in the map's order that set them (a
        // coordinator sets them through HAProxy, on the default shard): the same whichever
        // shard merges.
        auto place = [&](const flag_part& p) {
            const auto& all = ctx.fleet->map().shards();
            auto it = std::find_if(all.begin(), all.end(),
                                   [&](const auto& s) { return s.name == p.shard; });
            return std::pair{p.thresholds_set ? 0 : 1, it - all.begin()};
        };
        std::stable_sort(parts.begin(), parts.end(),
                         [&](const auto& a, const auto& b) { return place(a) < place(b); });
        flag_part out;
        for (auto& p : parts) {
            if (p.input.edition != chosen)
                continue;
            out.thresholds_set = out.thresholds_set || p.thresholds_set;
            for (auto& r : p.reviews) {
                auto same = std::find_if(out.reviews.begin(), out.reviews.end(),
                                         [&](const auto& o) { return o.flag_key == r.flag_key; });
                if (same == out.reviews.end())
                    out.reviews.push_back(std::move(r));
                else if (r.reviewed_at > same->reviewed_at)
                    *same = std::move(r);
            }
        }
        std::vector<domain::flag_input> inputs;
        for (auto& p : parts)
            inputs.push_back(std::move(p.input));
        out.input = app::merge_flag_inputs(std::move(inputs), chosen);
        m->value = std::move(out);
        auto bytes = encode_flag_part(m->value).dump().size();
        return cache_entry(m, bytes);
    });
}

} // namespace asamblea::server
