// A clinic moved to another shard stays in the old database as a frozen archive; the listings,
// the national reads and the exports leave it out there, so a fleet that sums its shards counts
// it once, on its new shard.
#include "store/clinic_repo.hpp"
#include "store/export_repo.hpp"
#include "store/migrations.hpp"
#include "store/national_repo.hpp"
#include "store/schedule_repo.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <string>

using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace moved_out_reads_test {

namespace {

void add_clinic_with_assembly(SQLite::Database& db, const std::string& clues) {
    db.exec("INSERT INTO clinics (clues, nombre, entidad, municipio, institucion, consultorios, "
            "tipo, presupuesto_centavos, search_text, created_at, updated_at) VALUES ('" +
            clues + "', 'Centro " + clues + "', 'Chiapas', 'Ocosingo', 'IMSS-BIENESTAR', 1, " +
            "'Rural', 40000000, '" + clues + "', 'x', 'x')");
    db.exec("INSERT INTO assemblies (clues, edition, created_at, updated_at) VALUES ('" + clues +
            "', 2026, 'x', 'x')");
}

} // namespace

TEST_CASE("a clinic moved out is left out of the listings and national reads of its old shard") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    add_clinic_with_assembly(db, "CSIMB000001");
    add_clinic_with_assembly(db, "CSIMB000002");
    national_filter all;
    all.limit = 100;
    auto before = read_national_dashboard(db, all);
    CHECK(before.totals.assemblies == 2);
    CHECK(search_clinics(db, {}).total == 2);
    CHECK(list_clinic_codes(db).size() == 2);
    CHECK(clinics_of_institution(db, "IMSS-BIENESTAR", "").size() == 2);

    db.exec("INSERT INTO clinic_moves (clues, direction, shard, state, started_at) VALUES "
            "('CSIMB000002', 'out', 'centro', 'exporting', 'x')");
    auto after = read_national_dashboard(db, all);
    CHECK(after.totals.assemblies == 1);
    REQUIRE(after.rows.size() == 1);
    CHECK(after.rows[0].clues == "CSIMB000001");
    auto listed = search_clinics(db, {});
    CHECK(listed.total == 1);
    REQUIRE(listed.items.size() == 1);
    CHECK(listed.items[0].clues == "CSIMB000001");
    CHECK(list_clinic_codes(db) == std::vector<std::string>{"CSIMB000001"});
    CHECK(clinics_of_institution(db, "IMSS-BIENESTAR", "") ==
          std::vector<std::string>{"CSIMB000001"});
    CHECK(list_entidades(db) == std::vector<std::string>{"Chiapas"});
    // The archive is still there, found by its CLUES (verify and the 421 read it).
    CHECK(find_clinic(db, "CSIMB000002").has_value());

    // A clinic moved in is an ordinary clinic of its new shard.
    db.exec("INSERT INTO clinic_moves (clues, direction, shard, state, started_at) VALUES "
            "('CSIMB000001', 'in', 'sur', 'done', 'x')");
    CHECK(read_national_dashboard(db, all).totals.assemblies == 1);
}

} // namespace moved_out_reads_test
