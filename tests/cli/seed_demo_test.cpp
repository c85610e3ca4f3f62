// `asamblea seed-demo` through the real binary: this year's assemblies stay convocada, last
// year's are closed with their vote and COSABI, the main clinic's works stand at many stages
// with real files behind every row, its committee logins work, and the chain verifies.
#include "../store/test_dir.hpp"
#include "domain/followup/file_kind.hpp"
#include "run_command.hpp"
#include "store/crypto.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace seed_demo_test {

namespace {

constexpr const char* main_clinic = "CSIMB001234";

std::string file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The stored file of `sha256` exists, hashes to its name, and its bytes are of `kind`.
void check_file(const fs::path& evidence, const std::string& sha256,
                asamblea::domain::file_kind kind, const std::string& what) {
    CAPTURE(what);
    CAPTURE(sha256);
    REQUIRE(sha256.size() == 64);
    auto path = evidence / sha256.substr(0, 2) / sha256;
    REQUIRE(fs::is_regular_file(path));
    auto bytes = file_bytes(path);
    CHECK(asamblea::store::sha256_hex(bytes) == sha256);
    auto sniffed = asamblea::domain::sniff_file_kind(std::string_view(bytes).substr(0, 64));
    REQUIRE(sniffed);
    CHECK(*sniffed == kind);
}

} // namespace

TEST_CASE("seed-demo: last year's closed assembly, its works at every stage, real files") {
    using asamblea::domain::file_kind;
    test_dir dir;
    auto seeded = run_command("seed-demo --data '" + dir.str() + "'");
    REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.output);
    CHECK(seeded.output.find("cosabi-tesoreria / demo-cosabi-tesoreria") != std::string::npos);
    CHECK(seeded.output.find("cosabi-presidencia / demo-cosabi-presidencia") != std::string::npos);

    {
        SQLite::Database db(asamblea::store::database_path(dir.str()), SQLite::OPEN_READONLY);
        auto count = [&](const std::string& sql) { return db.execAndGet(sql).getInt64(); };

        // Every clinic: 2026 convocada as before, 2025 closed with its vote and committee.
        CHECK(count("SELECT count(*) FROM clinics") == 3);
        CHECK(count("SELECT count(*) FROM assemblies WHERE edition = 2026 AND state = "
                    "'convocada'") == 3);
        CHECK(count("SELECT count(*) FROM assemblies WHERE edition = 2025 AND state = "
                    "'cerrada'") == 3);
        CHECK(count("SELECT count(*) FROM assemblies") == 6);
        CHECK(count("SELECT count(*) FROM proposals p JOIN assemblies a ON a.id = p.assembly_id "
                    "WHERE a.edition = 2026") == 24);
        CHECK(count("SELECT count(DISTINCT a.clues) FROM attendees t JOIN assemblies a ON a.id = "
                    "t.assembly_id WHERE a.edition = 2025") == 3);
        CHECK(count("SELECT count(*) FROM attendees t JOIN assemblies a ON a.id = t.assembly_id "
                    "WHERE a.edition = 2026") == 0);
        CHECK(count("SELECT count(*) FROM committee_members WHERE term = 2025") >= 12);
        CHECK(count("SELECT count(DISTINCT clues) FROM work_items WHERE edition = 2025") == 3);
        // The committee logins belong to members of the main clinic's COSABI 2025.
        CHECK(count(std::string("SELECT count(*) FROM committee_members m JOIN users u ON u.id = "
                                "m.user_id WHERE m.term = 2025 AND m.clues = '") +
                    main_clinic +
                    "' AND ((u.username = 'cosabi-presidencia' AND m.role = 'presidencia') OR "
                    "(u.username = 'cosabi-tesoreria' AND m.role = 'tesoreria'))") == 2);

        // The main clinic's works stand at many stages.
        CHECK(count(std::string("SELECT count(DISTINCT state) FROM work_items WHERE clues = '") +
                    main_clinic + "'") >= 5);
        for (const char* state : {"planeado", "cotizando", "contratado", "en_ejecucion",
                                  "entregado", "verificado", "detenido"}) {
            CAPTURE(state);
            CHECK(count(std::string("SELECT count(*) FROM work_items WHERE clues = '") +
                        main_clinic + "' AND state = '" + state + "'") == 1);
        }
        CHECK(count("SELECT count(DISTINCT cfdi_uuid) FROM expenses") ==
              count("SELECT count(*) FROM expenses"));
        CHECK(count("SELECT count(*) FROM expenses") >= 4);

        // Every stored file is there, named by its hash, and of the kind its row says.
        auto evidence =
            fs::path(asamblea::store::database_path(dir.str())).parent_path() / "evidence";
        int files = 0;
        SQLite::Statement quotes(db, "SELECT file_sha256 FROM quotes");
        while (quotes.executeStep()) {
            check_file(evidence, quotes.getColumn(0).getString(), file_kind::pdf, "quote");
            ++files;
        }
        SQLite::Statement expenses(db, "SELECT xml_sha256, pdf_sha256 FROM expenses");
        while (expenses.executeStep()) {
            check_file(evidence, expenses.getColumn(0).getString(), file_kind::xml, "cfdi");
            check_file(evidence, expenses.getColumn(1).getString(), file_kind::pdf, "factura");
            files += 2;
        }
        SQLite::Statement items(db, "SELECT file_sha256, mime FROM evidence");
        std::set<std::string> photos;
        int photo_rows = 0;
        while (items.executeStep()) {
            auto mime = items.getColumn(1).getString();
            auto kind = mime == "image/png" ? file_kind::png : file_kind::pdf;
            CHECK((mime == "image/png" || mime == "application/pdf"));
            check_file(evidence, items.getColumn(0).getString(), kind, "evidence " + mime);
            if (kind == file_kind::png) {
                photos.insert(items.getColumn(0).getString());
                ++photo_rows;
            }
            ++files;
        }
        CHECK(files > 20);
        CHECK(photo_rows >= 7);
        CHECK(photos.size() == static_cast<std::size_t>(photo_rows)); // no photo used twice
    }

    auto audit = run_command("verify --data '" + dir.str() + "'");
    CHECK_MESSAGE(audit.exit_code == 0, audit.output);

    // Seeding again keeps what is there and still verifies.
    auto again = run_command("seed-demo --data '" + dir.str() + "'");
    REQUIRE_MESSAGE(again.exit_code == 0, again.output);
    auto reverified = run_command("verify --data '" + dir.str() + "'");
    CHECK_MESSAGE(reverified.exit_code == 0, reverified.output);
}

} // namespace seed_demo_test
