#include "loadgen/round_check.hpp"

#include "loadgen/rounds.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace asamblea::loadgen {

using nlohmann::json;

namespace {

// One round: the ballots the server stored (`items`) and its revealed tally against the
// [receipt, choices] its voters were acknowledged.
round_checks compare(const json& finals, json& revealed, json& items) {
    std::map<std::string, std::vector<std::string>> mine;
    std::map<std::string, long> votes;
    for (const auto& f : finals) {
        auto choices = f[1].get<std::vector<std::string>>();
        std::sort(choices.begin(), choices.end());
        for (const auto& id : choices)
            ++votes[id];
        mine[f[0].get<std::string>()] = choices;
    }
    round_checks out;
    out.rounds_checked = 1;
    std::set<std::string> seen;
    for (const auto& item : items) {
        std::string receipt = item["receipt"];
        if (!seen.insert(receipt).second)
            ++out.duplicate_receipts;
        auto it = mine.find(receipt);
        if (it == mine.end()) {
            ++out.extra_receipts;
            continue;
        }
        auto choices = item["choices"].get<std::vector<std::string>>();
        std::sort(choices.begin(), choices.end());
        if (choices != it->second)
            ++out.choice_mismatches;
    }
    for (const auto& [receipt, c2] : mine)
        if (!seen.count(receipt))
            ++out.missing_receipts;
    const auto& lines = revealed["results"]["lines"];
    for (const auto& line : lines) {
        std::string id = line["id"];
        if (line["votes"].get<long>() != (votes.count(id) ? votes[id] : 0))
            ++out.tally_mismatches;
    }
    if (revealed["ballots"].get<long>() != static_cast<long>(mine.size()))
        ++out.tally_mismatches;
    out.counted = static_cast<long>(items.size());
    out.expected_counted = static_cast<long>(mine.size());
    return out;
}

} // namespace

round_checks& round_checks::operator+=(const round_checks& o) {
    rounds_checked += o.rounds_checked;
    tally_mismatches += o.tally_mismatches;
    missing_receipts += o.missing_receipts;
    extra_receipts += o.extra_receipts;
    duplicate_receipts += o.duplicate_receipts;
    choice_mismatches += o.choice_mismatches;
    counted += o.counted;
    expected_counted += o.expected_counted;
    return *this;
}

round_checks close_and_check(const rest_pool& rest, const std::vector<std::int64_t>& rounds,
                             const std::vector<json>& finals) {
    const auto& seed = rest.seed();
    round_checks out;
    std::mutex m;
    rest.for_each(rounds.size(), [&](std::deque<rest_client>& clients, std::size_t i) {
        const auto& a = seed.assemblies[i];
        auto& c = clients[a.target];
        auto base = round_base(a, rounds[i]);
        expect(c.call("POST", base + "/close", json::object()), 200, "close in " + a.clues);
        auto revealed = c.call("POST", base + "/reveal", json::object());
        expect(revealed, 200, "reveal in " + a.clues);
        // The list is paged (at most 500 a page): every page, so an assembly of more than one
        // page is checked whole.
        json items = json::array();
        for (int page = 1;; ++page) {
            auto list = c.call("GET", base + "/ballots?per_page=500&page=" + std::to_string(page));
            expect(list, 200, "ballots of " + a.clues);
            const auto& got = list.body["items"];
            if (!got.is_array() || got.empty())
                break;
            for (const auto& item : got)
                items.push_back(item);
            if (got.size() < 500)
                break;
        }
        auto checked = compare(finals[i], revealed.body, items);
        std::lock_guard lock(m);
        out += checked;
    });
    return out;
}

} // namespace asamblea::loadgen
