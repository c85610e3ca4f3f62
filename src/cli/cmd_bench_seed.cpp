#include "cli/commands.hpp"
#include "domain/assembly/credential_code.hpp"
#include "domain/clinic.hpp"
#include "domain/proposal.hpp"
#include "server/auth/voter_auth.hpp"
#include "store/assembly_repo.hpp"
#include "store/attendee_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>

namespace asamblea::cli {
namespace {

struct bench_seed_options {
    std::string data_dir = "./data";
    std::string out = "bench-seed.txt";
    int assemblies = 10;
    int voters = 100;
    int proposals = 12;
    int first = 1; // number of the first clinic (BENCH000001), so shards do not overlap
};

constexpr const char* bench_user = "bench-coordinador";

const char* const categories[] = {"obra", "mejoramiento", "equipamiento", "mobiliario"};

// Everything goes through the store's repositories, audited, exactly as check-in would write it;
// the credential codes (shown once at check-in) are written to `out` for the load generator.
int bench_seed(const bench_seed_options& o) {
    if (o.assemblies < 1 || o.voters < 1 || o.proposals < 1 || o.first < 1 ||
        o.first + o.assemblies > 999'999) {
        std::cerr << "asamblea: bench-seed needs positive --assemblies, --voters, --proposals\n";
        return 1;
    }
    store::store db(o.data_dir);
    std::string password = store::random_token(18);
    std::string password_hash = store::hash_password(password);
    std::ofstream out(o.out, std::ios::trunc);
    if (!out) {
        std::cerr << "asamblea: cannot write " << o.out << "\n";
        return 1;
    }
    ::chmod(o.out.c_str(), 0600);
    out << "asamblea-bench-seed 1\n";
    out << "login " << bench_user << " " << password << "\n";

    std::vector<domain::clinic> clinics;
    for (int i = 0; i < o.assemblies; ++i) {
        char clues[16];
        std::snprintf(clues, sizeof clues, "BENCH%06d", o.first + i);
        clinics.push_back({clues, "Unidad de prueba " + std::to_string(o.first + i), "Prueba",
                           "Banco", "ISSSTE", 6, "UMF", domain::budget_for_tier(6, "UMF")});
    }
    auto saved = db.writer().run([&](store::write_context& ctx) -> domain::status {
        store::upsert_clinics(ctx, clinics);
        auto id =
            store::save_user(ctx, bench_user, password_hash, domain::role::coordinator, {}, true);
        if (!id)
            return std::unexpected(id.error());
        return {};
    });
    if (!saved) {
        std::cerr << "asamblea: " << saved.error().message << "\n";
        return 1;
    }

    bool tty = isatty(2) == 1;
    for (int i = 0; i < o.assemblies; ++i) {
        const auto& clues = clinics[static_cast<std::size_t>(i)].clues;
        std::vector<std::string> codes;
        std::vector<std::int64_t> proposal_ids;
        auto one = db.writer().run([&](store::write_context& ctx) -> domain::status {
            codes.clear();
            proposal_ids.clear();
            if (store::latest_assembly(ctx.db(), clues))
                return domain::fail(domain::error_kind::conflict, "seeded",
                                    "bench-seed needs a fresh data folder (" + clues +
                                        " already has an assembly).");
            auto assembly_id =
                store::create_assembly(ctx, clues, 2026, "2026-02-21T17:00:00.000Z", 1);
            auto a = store::latest_assembly(ctx.db(), clues);
            store::update_assembly_state(ctx, *a, {domain::assembly_state::registro, {}});
            for (int p = 0; p < o.proposals; ++p) {
                domain::proposal row;
                row.title = "Propuesta " + std::to_string(p + 1);
                row.description = "Descripción de la propuesta " + std::to_string(p + 1) +
                                  " para la unidad " + clues + ".";
                row.category = *domain::parse_category(categories[p % 4]);
                row.cost = (50'000 + 25'000 * (p % 12)) * 100LL;
                row.source = domain::proposal_source::diagnostico;
                proposal_ids.push_back(
                    store::add_proposal(ctx, assembly_id, clues, row, "aceptada"));
            }
            for (int v = 0; v < o.voters; ++v) {
                std::string identifier = clues + "-" + std::to_string(v + 1);
                store::new_attendee_row row{assembly_id, "Persona " + std::to_string(v + 1),
                                            v % 2 ? "hombre" : "mujer",
                                            store::keyed_hash_hex(db.key(), identifier), 0};
                auto attendee = store::insert_attendee(ctx, clues, row);
                if (!attendee)
                    return std::unexpected(attendee.error());
                for (int attempt = 0;; ++attempt) {
                    std::array<unsigned char, domain::credential_code_length> random{};
                    randombytes_buf(random.data(), random.size());
                    auto code = domain::make_credential_code(random);
                    auto issued = store::issue_credential(ctx, clues, assembly_id, *attendee,
                                                          server::credential_hash(db, code));
                    if (issued) {
                        codes.push_back(code);
                        break;
                    }
                    if (attempt > 5)
                        return std::unexpected(issued.error());
                }
            }
            a = store::latest_assembly(ctx.db(), clues);
            store::update_assembly_state(ctx, *a, {domain::assembly_state::en_sesion, {}});
            return {};
        });
        if (!one) {
            std::cerr << "asamblea: " << one.error().message << "\n";
            return 1;
        }
        // As the en_sesion transition does on a live server: the ballot key exists before the
        // first ballot, so no room waits for its fsync.
        if (auto a = store::latest_assembly(*db.readers().acquire(), clues))
            db.ballot_keys().get_or_create(a->id);
        out << "assembly " << clues << " " << codes.size() << " ";
        for (std::size_t p = 0; p < proposal_ids.size(); ++p)
            out << (p ? "," : "") << proposal_ids[p];
        out << "\n";
        for (const auto& c : codes)
            out << c << "\n";
        if (tty) {
            int done = i + 1;
            int filled = done * 30 / o.assemblies;
            std::cerr << "\rbench-seed [" << std::string(static_cast<std::size_t>(filled), '#')
                      << std::string(static_cast<std::size_t>(30 - filled), '.') << "] " << done
                      << "/" << o.assemblies << std::flush;
        }
    }
    if (tty)
        std::cerr << "\n";
    out.close();
    if (!out) {
        std::cerr << "asamblea: cannot write " << o.out << "\n";
        return 1;
    }
    std::cout << "bench-seed: " << o.assemblies << " asambleas en sesión × " << o.voters
              << " credenciales, " << o.proposals << " propuestas aceptadas; códigos en " << o.out
              << "\n";
    return 0;
}

} // namespace

void add_bench_seed_command(CLI::App& app) {
    auto opts = std::make_shared<bench_seed_options>();
    auto* sub = app.add_subcommand(
        "bench-seed", "Create benchmark clinics, assemblies in session, attendees with credentials "
                      "and accepted proposals; write the credential codes for the load generator");
    add_data_option(*sub, opts->data_dir);
    sub->add_option("--assemblies", opts->assemblies, "Assemblies (one clinic each)")
        ->capture_default_str();
    sub->add_option("--voters", opts->voters, "Checked-in voters per assembly")
        ->capture_default_str();
    sub->add_option("--proposals", opts->proposals, "Accepted proposals per assembly")
        ->capture_default_str();
    sub->add_option("--first", opts->first, "Number of the first clinic (BENCH000001)")
        ->capture_default_str();
    sub->add_option("--out", opts->out, "File for the login and credential codes (mode 600)")
        ->capture_default_str();
    sub->callback([opts] {
        int code = bench_seed(*opts);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
