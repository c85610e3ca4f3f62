#include "store/audit_chain.hpp"
#include "store/migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace migrations_test {

namespace {

// A database as the first release left it (schema 4), with a clinic, its assembly, a prepared
// and an open round, an elected member, an invitation and a committee login.
void fill_schema_4(SQLite::Database& db) {
    db.exec(R"sql(
INSERT INTO clinics VALUES ('CSIMB001234', 'Centro de Salud', 'Chiapas', 'Chamula', 'IMSS-BIENESTAR',
    1, 'centro', 40000000, 'centro de salud', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
INSERT INTO users (id, username, password_hash, role, created_at, updated_at)
    VALUES (1, 'ana', 'x', 'committee', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
INSERT INTO assemblies (id, clues, edition, created_at, updated_at)
    VALUES (1, 'CSIMB001234', 2026, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
INSERT INTO rounds (id, assembly_id, kind, title, spec, status, created_at, updated_at)
    VALUES (1, 1, 'election', 'Presidencia', '{}', 'cerrada', '2026-02-21T17:00:00.000Z',
            '2026-02-21T17:00:00.000Z'),
           (2, 1, 'budget', 'Presupuesto', '{}', 'preparada', '2026-02-21T17:00:00.000Z',
            '2026-02-21T17:00:00.000Z');
INSERT INTO committee_members (id, clues, term, role, seat, nombre, round_id, source, user_id,
                               elected_at)
    VALUES (1, 'CSIMB001234', 2026, 'presidencia', 1, 'Ana', 1, 'eleccion', 1,
            '2026-02-21T18:00:00.000Z');
INSERT INTO committee_invitations (id, member_id, clues, code_hash, issued_at)
    VALUES (1, 1, 'CSIMB001234', 'h', '2026-02-21T18:05:00.500Z');
)sql");
}

} // namespace

TEST_CASE("a database left by schema 4 upgrades to the newest and keeps its rows") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(migrate(db, 4) == 4);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == 4);
    fill_schema_4(db);

    REQUIRE(migrate(db) == latest_schema_version());
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == latest_schema_version());
    CHECK(db.execAndGet("SELECT count(*) FROM rounds WHERE cancelled_at IS NULL").getInt() == 2);
    // Invitations issued before expiry existed get the lifetime from their issue.
    CHECK(db.execAndGet("SELECT expires_at FROM committee_invitations WHERE id = 1").getString() ==
          "2026-02-28T18:05:00.500Z");
    CHECK(db.execAndGet("SELECT disabled_at IS NULL FROM users WHERE id = 1").getInt() == 1);
    // Only a prepared round can carry a cancellation.
    CHECK_NOTHROW(
        db.exec("UPDATE rounds SET cancelled_at = '2026-02-21T17:10:00.000Z' WHERE id = 2"));
    CHECK_THROWS(
        db.exec("UPDATE rounds SET cancelled_at = '2026-02-21T17:10:00.000Z' WHERE id = 1"));
    CHECK_THROWS(db.exec("UPDATE rounds SET status = 'abierta' WHERE id = 2"));

    // Running it again changes nothing.
    CHECK(migrate(db) == latest_schema_version());
}

TEST_CASE("schema 14 rebuilds the audit table without the index on hash, keeping every row") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(migrate(db, 13) == 13);
    fill_schema_4(db);
    db.exec("INSERT INTO clinics SELECT 'CSIMB009999', nombre, entidad, municipio, institucion, "
            "consultorios, tipo, presupuesto_centavos, search_text, created_at, updated_at FROM "
            "clinics");
    {
        audit_chain chain(db);
        for (int i = 0; i < 3; ++i) {
            chain.append("2026-02-21T17:00:00.000Z", "ballot.cast", "CSIMB001234", {{"n", i}});
            chain.append("2026-02-21T17:00:00.000Z", "ballot.cast", "CSIMB009999", {{"n", i}});
        }
        chain.append("2026-02-21T17:00:00.000Z", "user.created", "", {{"n", 0}});
    }
    db.exec("INSERT INTO clinic_moves (clues, direction, shard, state, started_at) VALUES "
            "('CSIMB009999', 'out', 'b', 'done', '2026-02-21T19:00:00.000Z')");
    auto rows = [&] {
        return db
            .execAndGet("SELECT group_concat(seq || '|' || coalesce(clues, '') || '|' || "
                        "chain_seq || '|' || prev_hash || '|' || hash, ';') FROM (SELECT * FROM "
                        "audit_events ORDER BY seq)")
            .getString();
    };
    auto before = rows();
    REQUIRE(verify_chains(db).ok());

    REQUIRE(migrate(db) == latest_schema_version());
    CHECK(rows() == before);
    auto check = verify_chains(db);
    CHECK(check.ok());
    CHECK(check.events() == 7);
    // The only index left is the chain position, and it still refuses a second event in a place.
    CHECK(db.execAndGet("SELECT group_concat(name) FROM sqlite_master WHERE type = 'index' AND "
                        "tbl_name = 'audit_events'")
              .getString() == "audit_chain_position");
    CHECK_THROWS(db.exec("INSERT INTO audit_events (at, type, clues, payload, chain_seq, "
                         "prev_hash, hash) VALUES ('x', 'x', 'CSIMB001234', '{}', 2, 'x', 'x')"));
    // The frozen clinic's trigger came back with the table.
    CHECK_THROWS(db.exec("INSERT INTO audit_events (at, type, clues, payload, chain_seq, "
                         "prev_hash, hash) VALUES ('x', 'x', 'CSIMB009999', '{}', 4, 'x', 'x')"));
    audit_chain chain(db);
    chain.append("2026-02-21T17:00:00.000Z", "ballot.cast", "CSIMB001234", {{"n", 3}});
    CHECK(chain.head("CSIMB001234").seq == 4);
    CHECK(verify_chains(db).ok());
}

TEST_CASE("schema 15 keeps one counted ballot per person by triggers, without the index") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(migrate(db, 14) == 14);
    fill_schema_4(db);
    auto ballot = [&](const std::string& tag, const std::string& uid, const std::string& receipt,
                      const std::string& replaced_at) {
        db.exec("INSERT INTO ballots (round_id, voter_tag, ballot_uid, choices, receipt, cast_at, "
                "replaced_at) VALUES (2, '" +
                tag + "', '" + uid + "', '[]', '" + receipt + "', 'x', " + replaced_at + ")");
    };
    ballot("ana", "u1", "R1", "'2026-02-21T17:01:00.000Z'");
    ballot("ana", "u2", "R2", "NULL");
    ballot("beto", "u3", "R3", "NULL");
    auto rows = [&] {
        return db
            .execAndGet("SELECT group_concat(id || '|' || voter_tag || '|' || receipt || '|' || "
                        "coalesce(replaced_at, '-'), ';') FROM (SELECT * FROM ballots ORDER BY id)")
            .getString();
    };
    auto before = rows();

    REQUIRE(migrate(db) == latest_schema_version());
    CHECK(rows() == before);
    CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'ballots_one_counted' "
                        "AND type = 'index'")
              .getInt() == 0);
    // A second counted ballot of a person is refused, by insert or by update; nothing is written.
    CHECK_THROWS(ballot("ana", "u4", "R4", "NULL"));
    CHECK_THROWS(db.exec("UPDATE ballots SET replaced_at = NULL WHERE receipt = 'R1'"));
    CHECK_THROWS(db.exec("UPDATE ballots SET voter_tag = 'ana' WHERE receipt = 'R3'"));
    CHECK(rows() == before);
    // What the writer does: the counted ballot is marked replaced, then the new one goes in.
    CHECK_NOTHROW(ballot("ana", "u5", "R5", "'2026-02-21T17:02:00.000Z'"));
    CHECK_NOTHROW(db.exec("UPDATE ballots SET replaced_at = 'x' WHERE receipt = 'R2'"));
    CHECK_NOTHROW(ballot("ana", "u6", "R6", "NULL"));
    // Another round, and another person, are apart; the other constraints stand.
    CHECK_NOTHROW(db.exec("UPDATE ballots SET replaced_at = NULL WHERE receipt = 'R3'"));
    CHECK_THROWS(ballot("carla", "u7", "R3", "NULL"));
    CHECK_THROWS(ballot("ana", "u6", "R8", "'x'"));
    CHECK(db.execAndGet("SELECT count(*) FROM ballots WHERE replaced_at IS NULL").getInt() == 2);
}

TEST_CASE("a database newer than this build is refused, not touched") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
    CHECK_THROWS(migrate(db));
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == latest_schema_version() + 1);
}

} // namespace migrations_test
