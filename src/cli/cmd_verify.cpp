// `asamblea verify`: recomputes every clinic's chain, holds the round and ballot tables against
// it, recounts every closed round from the chain alone, and checks a head printed in an acta.
// `--chain FILE` checks a clinic's published chain without any database.
#include "cli/commands.hpp"
#include "store/audit_chain.hpp"
#include "store/chain_replay.hpp"
#include "store/database.hpp"
#include "store/followup_check.hpp"
#include "store/moved_ids.hpp"
#include "store/record_check.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

namespace asamblea::cli {
namespace {

struct verify_options {
    std::string data_dir = "./data";
    std::string head;  // a hash that must be in the chain (the acta's)
    std::string clues; // the clinic whose chain must hold it
    std::string chain_file;
};

std::string chain_name(const store::chain_check& c) {
    if (c.legacy)
        return "Bitácora anterior (una sola para todas las unidades)";
    return c.clues.empty() ? "Bitácora general (sin unidad)" : "Bitácora de " + c.clues;
}

void print_chain(const store::chain_check& c) {
    if (c.ok)
        std::cout << chain_name(c) << ": íntegra, " << c.events << " eventos; último " << c.head.seq
                  << " " << c.head.hash << "\n";
    else
        std::cout << chain_name(c) << ": ALTERADA, " << c.problem << "\n";
}

// The acta's head must be an event of the chain: a chain cut before it is caught here.
bool check_head(const std::vector<store::chain_event>& events, const store::chain_check& c,
                const std::string& head) {
    for (const auto& e : events)
        if (e.hash == head) {
            bool ok = c.ok || e.seq < c.first_bad_seq;
            std::cout << "La huella " << head << " es el evento " << e.seq << " de la bitácora de "
                      << e.clues << (ok ? "" : ", pero la bitácora falla antes") << "\n";
            return ok;
        }
    std::cout << "La huella " << head << " NO está en la bitácora"
              << (c.clues.empty() ? "" : " de " + c.clues)
              << ": faltan eventos (se borró el final) o es de otra base\n";
    return false;
}

int print_records(const store::record_report& r) {
    for (const auto& f : r.findings)
        std::cout << "  " << f << "\n";
    return static_cast<int>(r.findings.size());
}

int verify_file(const verify_options& o) {
    std::ifstream in(o.chain_file);
    if (!in) {
        std::cerr << "asamblea: no se puede leer " << o.chain_file << "\n";
        return 1;
    }
    std::vector<store::chain_event> events;
    std::string clues;
    try {
        auto doc = nlohmann::json::parse(in);
        clues = doc.at("clues").get<std::string>();
        for (const auto& e : doc.at("events"))
            events.push_back(store::chain_event_from_json(e));
    } catch (const nlohmann::json::exception& e) {
        std::cerr << "asamblea: " << o.chain_file << " no es una bitácora publicada: " << e.what()
                  << "\n";
        return 1;
    }
    auto chain = store::check_chain(clues, events);
    print_chain(chain);
    bool ok = chain.ok;
    // Ids named before a move read as the rows are numbered now (store/moved_ids).
    auto replay = store::replay_rounds(store::with_moved_ids(events));
    int closed = 0;
    int bad = 0;
    for (const auto& p : replay.problems) {
        std::cout << "  " << p << "\n";
        ++bad;
    }
    for (const auto& [id, round] : replay.rounds) {
        if (round.status != domain::round_status::cerrada)
            continue;
        ++closed;
        if (auto problem = store::recount_problem(round)) {
            std::cout << "  ronda " << id << ": " << *problem << "\n";
            ++bad;
        }
    }
    std::cout << "Votaciones recontadas desde la bitácora: " << closed
              << "; con diferencias: " << bad << "\n";
    if (!o.head.empty())
        ok = check_head(events, chain, o.head) && ok;
    return ok && bad == 0 ? 0 : 2;
}

int verify(const verify_options& o) {
    if (!o.chain_file.empty())
        return verify_file(o);
    auto path = store::database_path(o.data_dir);
    if (!std::filesystem::exists(path)) {
        std::cerr << "asamblea: no database at " << path << "\n";
        return 1;
    }
    auto db = store::open_database(path, store::access::read_only);
    auto chains = store::verify_chains(*db);
    for (const auto& c : chains.chains)
        print_chain(c);
    bool ok = chains.ok();

    std::set<std::string> clinics;
    for (const auto& c : chains.chains)
        if (!c.legacy && !c.clues.empty())
            clinics.insert(c.clues);
    for (const auto& c : store::clinics_with_rounds(*db))
        clinics.insert(c);
    int from_chain = 0;
    int legacy = 0;
    int findings = 0;
    for (const auto& clues : clinics) {
        auto events = store::with_moved_ids(store::read_chain(*db, clues));
        auto report = store::check_records(*db, clues, store::replay_rounds(events));
        from_chain += report.rounds_from_chain;
        legacy += report.legacy_rounds;
        findings += print_records(report);
    }
    // The follow-up's money: work items, quotes and expenses held against the chain.
    int works = 0;
    int expenses = 0;
    for (const auto& clues : store::clinics_with_works(*db)) {
        auto report =
            store::check_followup(*db, clues, store::with_moved_ids(store::read_chain(*db, clues)));
        works += report.works;
        expenses += report.expenses;
        for (const auto& f : report.findings)
            std::cout << "  " << clues << " " << f << "\n";
        findings += static_cast<int>(report.findings.size());
    }
    std::cout << "Votaciones comparadas con la bitácora y recontadas desde ella: " << from_chain
              << "\n";
    std::cout << "Obras y gastos del seguimiento comparados con la bitácora: " << works
              << " obras, " << expenses << " gastos\n";
    if (legacy > 0)
        std::cout << "Votaciones anteriores a la bitácora por unidad, recontadas desde sus tablas "
                     "como antes: "
                  << legacy << "\n";
    std::cout << "Diferencias: " << findings << "\n";

    if (!o.head.empty()) {
        // Without --clues, the chain that holds the hash is the one to check.
        std::string clues = o.clues;
        if (clues.empty())
            clues = store::chain_holding(*db, o.head).value_or("");
        auto events = store::read_chain(*db, clues);
        store::chain_check none;
        none.clues = clues;
        const auto* c = chains.find(clues);
        ok = check_head(events, c ? *c : none, o.head) && ok;
    }
    return ok && findings == 0 ? 0 : 2;
}

} // namespace

void add_verify_command(CLI::App& app) {
    auto o = std::make_shared<verify_options>();
    auto* sub = app.add_subcommand(
        "verify",
        "Recompute every clinic's audit chain, hold the rounds and ballots against it and "
        "recount every closed round from it");
    add_data_option(*sub, o->data_dir);
    sub->add_option("--head", o->head,
                    "A hash that must be in the chain, e.g. the one printed in an acta");
    sub->add_option("--clues", o->clues, "The clinic whose chain must hold --head");
    sub->add_option("--chain", o->chain_file,
                    "Check a clinic's published chain (GET /api/c/{clues}/chain) instead of a "
                    "database");
    sub->callback([o] {
        int code = verify(*o);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
