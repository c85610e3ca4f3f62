#include "store/record_check.hpp"

#include "store/round_codec.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>

namespace asamblea::store {
namespace {

struct stored_round {
    std::int64_t id = 0;
    std::string title;
    nlohmann::json spec;
    domain::round_status status = domain::round_status::preparada;
    nlohmann::json result;
};

struct stored_ballot {
    std::string choices; // as stored (JSON text)
    bool counted = true;
};

std::vector<stored_round> stored_rounds(SQLite::Database& db, const std::string& clues) {
    SQLite::Statement q(db, "SELECT r.id, r.title, r.spec, CASE WHEN r.cancelled_at IS NULL THEN "
                            "r.status ELSE 'cancelada' END, r.result FROM rounds r JOIN "
                            "assemblies a ON a.id = r.assembly_id WHERE a.clues = ? ORDER BY r.id");
    q.bind(1, clues);
    std::vector<stored_round> out;
    while (q.executeStep()) {
        stored_round r;
        r.id = q.getColumn(0).getInt64();
        r.title = q.getColumn(1).getString();
        r.spec = nlohmann::json::parse(q.getColumn(2).getString(), nullptr, false);
        r.status = domain::parse_round_status(q.getColumn(3).getString())
                       .value_or(domain::round_status::preparada);
        if (!q.getColumn(4).isNull())
            r.result = nlohmann::json::parse(q.getColumn(4).getString(), nullptr, false);
        out.push_back(std::move(r));
    }
    return out;
}

std::map<std::string, stored_ballot> stored_ballots(SQLite::Database& db, std::int64_t round_id) {
    SQLite::Statement q(db, "SELECT receipt, choices, replaced_at IS NULL FROM ballots WHERE "
                            "round_id = ? ORDER BY id");
    q.bind(1, static_cast<int64_t>(round_id));
    std::map<std::string, stored_ballot> out;
    while (q.executeStep())
        out[q.getColumn(0).getString()] = {q.getColumn(1).getString(),
                                           q.getColumn(2).getInt() != 0};
    return out;
}

bool created_before_schema_8(SQLite::Database& db, const std::string& clues,
                             std::int64_t round_id) {
    SQLite::Statement q(db, "SELECT 1 FROM audit_events WHERE chain_seq IS NULL AND type = "
                            "'round.created' AND clues = ? AND json_extract(payload, "
                            "'$.round_id') = ?");
    q.bind(1, clues);
    q.bind(2, static_cast<int64_t>(round_id));
    return q.executeStep();
}

std::string event(std::int64_t seq) {
    return " (evento " + std::to_string(seq) + ")";
}

// A round from before schema 8: its counted ballots, recounted, must give its stored result.
void recount_from_tables(SQLite::Database& db, const stored_round& r, const std::string& name,
                         std::vector<std::string>& findings) {
    if (r.status != domain::round_status::cerrada)
        return;
    if (!r.result.is_object()) {
        findings.push_back(name + ": cerrada sin resultado guardado");
        return;
    }
    replayed_round as_tables;
    as_tables.spec = r.spec;
    as_tables.result = r.result;
    for (const auto& [receipt, b] : stored_ballots(db, r.id))
        if (b.counted)
            as_tables.ballots.push_back(
                {receipt, nlohmann::json::parse(b.choices).get<std::vector<std::string>>(), true,
                 0});
    auto again = recount(as_tables);
    if (!again)
        findings.push_back(name + ": " + again.error().message);
    else if (!same_outcome(*again, r.result))
        findings.push_back(name + ": el recuento no coincide con el resultado guardado");
}

void check_ballots(SQLite::Database& db, const replayed_round& chain, const std::string& name,
                   std::vector<std::string>& findings) {
    auto rows = stored_ballots(db, chain.id);
    for (const auto& b : chain.ballots) {
        auto it = rows.find(b.receipt);
        if (it == rows.end()) {
            findings.push_back(name + ": falta la boleta " + b.receipt + event(b.seq));
            continue;
        }
        auto stored = nlohmann::json::parse(it->second.choices, nullptr, false);
        if (stored != nlohmann::json(b.choices))
            findings.push_back(name + ": la boleta " + b.receipt +
                               " no dice lo que dice la bitácora" + event(b.seq));
        if (it->second.counted != b.counted)
            findings.push_back(name + ": la boleta " + b.receipt +
                               (b.counted ? " figura reemplazada y la bitácora la cuenta"
                                          : " figura contada y la bitácora la da por reemplazada") +
                               event(b.seq));
        rows.erase(it);
    }
    for (const auto& [receipt, b] : rows)
        findings.push_back(name + ": la boleta " + receipt + " no está en la bitácora");
}

} // namespace

std::vector<std::string> clinics_with_rounds(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT DISTINCT a.clues FROM rounds r JOIN assemblies a ON a.id = "
                            "r.assembly_id ORDER BY 1");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

record_report check_records(SQLite::Database& db, const std::string& clues,
                            const chain_replay& replay) {
    record_report report;
    auto& findings = report.findings;
    for (const auto& p : replay.problems)
        findings.push_back("bitácora de " + clues + ", " + p);
    std::map<std::int64_t, bool> seen;
    for (const auto& r : stored_rounds(db, clues)) {
        std::string name = "ronda " + std::to_string(r.id) + " («" + r.title + "») de " + clues;
        auto it = replay.rounds.find(r.id);
        if (it == replay.rounds.end()) {
            if (created_before_schema_8(db, clues, r.id)) {
                ++report.legacy_rounds;
                recount_from_tables(db, r, name, findings);
            } else {
                findings.push_back(name + ": no está en la bitácora");
            }
            continue;
        }
        seen[r.id] = true;
        ++report.rounds_from_chain;
        const auto& chain = it->second;
        if (r.spec != chain.spec || chain.spec.value("title", "") != r.title)
            findings.push_back(name + ": la votación no es la que registró la bitácora" +
                               event(chain.created_seq));
        if (r.status != chain.status)
            findings.push_back(name + ": está «" + std::string(domain::to_string(r.status)) +
                               "» y la bitácora la tiene «" +
                               std::string(domain::to_string(chain.status)) + "»" +
                               event(chain.closed_seq ? chain.closed_seq : chain.created_seq));
        if (chain.status == domain::round_status::cerrada) {
            if (r.result != chain.result)
                findings.push_back(name + ": el resultado guardado no es el del cierre" +
                                   event(chain.closed_seq));
            if (auto problem = recount_problem(chain))
                findings.push_back(name + ": " + *problem);
        }
        check_ballots(db, chain, name, findings);
    }
    for (const auto& [id, chain] : replay.rounds)
        if (!seen.contains(id))
            findings.push_back("ronda " + std::to_string(id) + " («" +
                               chain.spec.value("title", "") + "») de " + clues +
                               ": está en la bitácora pero no en la base de datos" +
                               event(chain.created_seq));
    return report;
}

} // namespace asamblea::store
