#include "cli/export_open_data.hpp"

#include "app/open_data/open_followup.hpp"
#include "app/open_data/round_pabulib.hpp"
#include "cli/atomic_file.hpp"
#include "server/views/ocds_json.hpp"
#include "server/views/open_followup_csv.hpp"
#include "server/views/open_followup_json.hpp"
#include "store/assembly_repo.hpp"
#include "store/export_repo.hpp"
#include "store/round_repo.hpp"

namespace asamblea::cli {

void write_open_data(SQLite::Database& db, const std::vector<std::string>& clinics,
                     const std::filesystem::path& dir, const std::string& origin,
                     const std::string& generated_at) {
    const std::string package_uri =
        (origin.empty() ? std::string("urn:x-asamblea:") : origin) + "/api/open/ocds.json";
    std::vector<app::open_clinic_followup> followup;
    bool any_work = false;
    for (const auto& clues : clinics)
        if (auto c = app::read_open_followup(db, clues); c && !c->works.empty()) {
            any_work = true;
            followup.push_back(std::move(*c));
        }
    write_atomically(dir / "followup.json",
                     server::open_followup_json(followup, generated_at).dump(2) + "\n");
    for (auto t : {server::open_csv_table::works, server::open_csv_table::quotes,
                   server::open_csv_table::expenses, server::open_csv_table::evidence})
        write_atomically(dir / (std::string(server::to_string(t)) + ".csv"),
                         server::open_followup_csv(followup, t));
    if (any_work)
        write_atomically(
            dir / "ocds.json",
            server::ocds_release_package(followup, package_uri, generated_at, origin).dump(2) +
                "\n");

    const auto rounds_dir = dir / "rounds";
    std::filesystem::create_directories(rounds_dir);
    for (const auto& clues : clinics)
        for (int edition : store::list_editions(db, clues)) {
            auto a = store::find_assembly(db, clues, edition);
            if (!a)
                continue;
            for (const auto& r : store::list_rounds(db, a->id)) {
                if (r.spec.kind != domain::round_kind::budget)
                    continue;
                // Unrevealed and other clinics' rounds answer an error: nothing to publish.
                if (auto text = app::round_as_pabulib(db, clues, r.id))
                    write_atomically(rounds_dir / (clues + "-" + std::to_string(r.id) + ".pb"),
                                     *text);
            }
        }
}

} // namespace asamblea::cli
