#include "cli/commands.hpp"
#include "domain/round.hpp"
#include "store/audit_chain.hpp"
#include "store/database.hpp"
#include "store/round_codec.hpp"
#include "store/round_repo.hpp"

#include <filesystem>
#include <iostream>

namespace asamblea::cli {
namespace {

// Recounts one closed round from its stored ballots; false (with a message) on any difference.
bool recount(SQLite::Database& db, const store::round_row& round) {
    std::vector<std::vector<std::uint32_t>> ballots;
    for (const auto& b : store::counted_ballots(db, round.id)) {
        auto picks = domain::check_ballot(round.spec, b.choices);
        if (!picks) {
            std::cout << "  ronda " << round.id << ": la boleta " << b.receipt
                      << " no es válida para esta votación\n";
            return false;
        }
        ballots.push_back(std::move(*picks));
    }
    if (!round.result) {
        std::cout << "  ronda " << round.id << ": cerrada sin resultado guardado\n";
        return false;
    }
    const auto& stored = *round.result;
    auto tally = domain::tally_round(round.spec, ballots, stored.value("present", std::int64_t{0}),
                                     stored.value("quorum", std::int64_t{0}));
    if (!tally) {
        std::cout << "  ronda " << round.id << ": " << tally.error().message << "\n";
        return false;
    }
    auto again = store::result_to_json(*tally);
    bool same = stored.value("ballots", std::size_t{0}) == ballots.size() &&
                stored.contains("lines") && stored["lines"].size() == again["lines"].size();
    for (std::size_t i = 0; same && i < again["lines"].size(); ++i)
        same = stored["lines"][i]["id"] == again["lines"][i]["id"] &&
               stored["lines"][i]["votes"] == again["lines"][i]["votes"] &&
               stored["lines"][i]["selected"] == again["lines"][i]["selected"];
    if (!same)
        std::cout << "  ronda " << round.id << " («" << round.spec.title
                  << "»): el recuento no coincide con el resultado guardado\n";
    return same;
}

int verify(const std::string& data_dir) {
    auto path = store::database_path(data_dir);
    if (!std::filesystem::exists(path)) {
        std::cerr << "asamblea: no database at " << path << "\n";
        return 1;
    }
    auto db = store::open_database(path, store::access::read_only);
    auto chain = store::verify_chain(*db);
    if (chain.ok)
        std::cout << "Bitácora íntegra: " << chain.events << " eventos; último " << chain.head.seq
                  << " " << chain.head.hash << "\n";
    else
        std::cout << "Bitácora ALTERADA a partir del evento " << chain.first_bad_seq << "\n";
    int rounds = 0;
    int bad = 0;
    for (const auto& round : store::closed_rounds(*db)) {
        ++rounds;
        if (!recount(*db, round))
            ++bad;
    }
    std::cout << "Votaciones recontadas: " << rounds << "; con diferencias: " << bad << "\n";
    return chain.ok && bad == 0 ? 0 : 2;
}

} // namespace

void add_verify_command(CLI::App& app) {
    auto data_dir = std::make_shared<std::string>("./data");
    auto* sub = app.add_subcommand(
        "verify", "Recompute the audit chain and recount every closed round from its ballots");
    add_data_option(*sub, *data_dir);
    sub->callback([data_dir] {
        int code = verify(*data_dir);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
