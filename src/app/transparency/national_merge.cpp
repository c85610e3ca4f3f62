#include "app/transparency/national_merge.hpp"

#include <algorithm>
#include <iterator>

namespace asamblea::app {

store::national_dashboard merge_dashboards(std::vector<store::national_dashboard> parts,
                                           int limit) {
    store::national_dashboard out;
    for (const char* s : {"convocada", "registro", "en_sesion", "suspendida", "cerrada"})
        out.totals.by_state[s] = 0;
    bool more = false;
    for (auto& p : parts) {
        auto& t = out.totals;
        for (const auto& [state, n] : p.totals.by_state)
            t.by_state[state] += n;
        t.assemblies += p.totals.assemblies;
        t.with_quorum += p.totals.with_quorum;
        t.voting += p.totals.voting;
        t.attendance += p.totals.attendance;
        more = more || !p.next_after.empty();
        std::move(p.rows.begin(), p.rows.end(), std::back_inserter(out.rows));
    }
    // A clinic lives on one shard, so CLUES never tie.
    std::sort(out.rows.begin(), out.rows.end(),
              [](const auto& a, const auto& b) { return a.clues < b.clues; });
    if (limit >= 0 && out.rows.size() > static_cast<std::size_t>(limit)) {
        out.rows.resize(static_cast<std::size_t>(limit));
        more = true;
    }
    // A shard that had more holds rows after its last one, hence after every row kept here
    // that comes after it: paging on from the last kept row misses none and repeats none.
    if (more && !out.rows.empty())
        out.next_after = out.rows.back().clues;
    return out;
}

national_live merge_live(std::vector<national_live> parts) {
    national_live out;
    for (auto& p : parts)
        std::move(p.clinics.begin(), p.clinics.end(), std::back_inserter(out.clinics));
    std::sort(out.clinics.begin(), out.clinics.end(),
              [](const auto& a, const auto& b) { return a.clues < b.clues; });
    summarize_live(out);
    return out;
}

national_followup merge_followups(std::vector<national_followup> parts,
                                  std::optional<int> asked_edition) {
    national_followup out;
    for (const auto& p : parts) {
        for (int e : p.editions)
            if (std::find(out.editions.begin(), out.editions.end(), e) == out.editions.end())
                out.editions.push_back(e);
        out.stalled_days = p.stalled_days;
    }
    std::sort(out.editions.begin(), out.editions.end(), std::greater<>());
    out.edition = asked_edition ? *asked_edition : out.editions.empty() ? 0 : out.editions.front();
    if (out.edition == 0)
        return out;
    for (auto& p : parts)
        if (p.edition == out.edition)
            std::move(p.clinics.begin(), p.clinics.end(), std::back_inserter(out.clinics));
    std::sort(out.clinics.begin(), out.clinics.end(),
              [](const auto& a, const auto& b) { return a.clues < b.clues; });
    summarize_followup(out);
    return out;
}

domain::flag_input merge_flag_inputs(std::vector<domain::flag_input> parts, int edition) {
    domain::flag_input out;
    out.edition = edition;
    bool first = true;
    for (auto& p : parts) {
        if (p.edition != edition)
            continue;
        if (first) {
            out.deadline = p.deadline;
            out.today = p.today;
            out.thresholds = p.thresholds;
            first = false;
        }
        std::move(p.clinics.begin(), p.clinics.end(), std::back_inserter(out.clinics));
        std::move(p.other_editions.begin(), p.other_editions.end(),
                  std::back_inserter(out.other_editions));
    }
    // The order read_flag_clinics gives on one shard: by state, then CLUES.
    std::sort(out.clinics.begin(), out.clinics.end(), [](const auto& a, const auto& b) {
        return std::tie(a.state, a.clues) < std::tie(b.state, b.clues);
    });
    std::sort(out.other_editions.begin(), out.other_editions.end(),
              [](const auto& a, const auto& b) {
                  return std::tie(a.cfdi_uuid, a.clues, a.edition, a.expense_id) <
                         std::tie(b.cfdi_uuid, b.clues, b.edition, b.expense_id);
              });
    return out;
}

} // namespace asamblea::app
