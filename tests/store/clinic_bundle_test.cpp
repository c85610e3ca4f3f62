// The store's half of moving a clinic: every table is either moved or named as left behind, the
// frozen clinic's chain refuses new events, and events read through a move's id maps.
#include "store/clinic_bundle.hpp"
#include "store/migrations.hpp"
#include "store/moved_ids.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace clinic_bundle_test {

namespace {

chain_event event(std::string type, nlohmann::json payload) {
    chain_event e;
    e.type = std::move(type);
    e.payload = std::move(payload);
    return e;
}

} // namespace

TEST_CASE("every table of the schema is moved with a clinic or named as left behind") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    std::set<std::string> classified(tables_left_behind().begin(), tables_left_behind().end());
    for (const auto& t : bundle_tables()) {
        CHECK_MESSAGE(classified.insert(t.name).second, t.name);
        // Every reference names a table that moves too.
        for (const auto& refs : {t.refs, t.late_refs})
            for (const auto& [column, target] : refs) {
                std::string where = t.name + "." + column;
                CAPTURE(where);
                CHECK(std::any_of(bundle_tables().begin(), bundle_tables().end(),
                                  [&](const auto& m) { return m.name == target; }));
            }
    }
    SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
    while (tables.executeStep()) {
        auto name = tables.getColumn(0).getString();
        CAPTURE(name);
        CHECK(classified.contains(name));
    }
    // Every payload key naming a row names a table that moves.
    for (const auto& [key, table] : event_id_keys())
        CHECK_MESSAGE(std::any_of(bundle_tables().begin(), bundle_tables().end(),
                                  [&](const auto& m) { return m.name == table; }),
                      key);
}

TEST_CASE("a clinic moved out refuses every event of its chain but the move's own") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    audit_chain chain(db);
    chain.append("2026-01-01T00:00:00.000Z", "assembly.created", "CSIMB001234", {{"x", 1}});
    db.exec("INSERT INTO clinic_moves (clues, direction, shard, state, started_at) VALUES "
            "('CSIMB001234', 'out', 'b', 'exporting', '2026-01-01T00:00:00.000Z')");
    CHECK_THROWS(
        chain.append("2026-01-01T00:00:01.000Z", "assembly.created", "CSIMB001234", {{"x", 2}}));
    chain.rollback(0);
    audit_chain fresh(db);
    CHECK_NOTHROW(fresh.append("2026-01-01T00:00:01.000Z", moved_out_event, "CSIMB001234",
                               {{"to_shard", "b"}}));
    CHECK_NOTHROW(fresh.append("2026-01-01T00:00:01.000Z", "auth.login", "", {{"user_id", 1}}));
    CHECK_NOTHROW(
        fresh.append("2026-01-01T00:00:01.000Z", "assembly.created", "OCIMB000587", {{"x", 3}}));
    CHECK(verify_chains(db).ok());
}

TEST_CASE("events before a move read through its id maps; moves compose; hashes untouched") {
    std::vector<chain_event> events = {
        event("round.created", {{"round_id", 7}, {"assembly_id", 2}}),
        event("work.created", {{"work_id", 3}, {"approved", 100}}),
        event(moved_out_event, {{"to_shard", "b"}}),
        event(moved_in_event,
              {{"ids", {{"rounds", {{7, 70}}}, {"work_items", {{3, 30}}}, {"assemblies", {}}}}}),
        event("work.moved", {{"work_id", 30}, {"to", "cotizando"}}),
        event(moved_in_event, {{"ids", {{"work_items", {{30, 300}}}}}}),
    };
    events[0].hash = "h0";
    auto read = with_moved_ids(events);
    CHECK(read[0].payload["round_id"] == 70);
    CHECK(read[0].payload["assembly_id"] == 2); // not in the map: as written
    CHECK(read[1].payload["work_id"] == 300);   // 3 → 30 on the second shard → 300 on the third
    CHECK(read[1].payload["approved"] == 100);
    CHECK(read[4].payload["work_id"] == 300);
    CHECK(read[0].hash == "h0");
    CHECK(events[1].payload["work_id"] == 3); // the input is a copy

    id_maps maps;
    maps["rounds"][7] = 70;
    auto j = id_maps_to_json(maps);
    CHECK(j["rounds"] == nlohmann::json::array({{7, 70}}));
    CHECK(j["work_items"] == nlohmann::json::array());
}

TEST_CASE("an acta on the new shard cites the close its assembly had on the old one") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db);
    audit_chain chain(db);
    const char* at = "2026-01-01T00:00:00.000Z";
    chain.append(at, "assembly.transition", "CSIMB001234", {{"assembly_id", 5}, {"to", "cerrada"}});
    auto closed = chain.head("CSIMB001234");
    chain.append(at, moved_out_event, "CSIMB001234", {{"to_shard", "b"}});
    CHECK(closing_event(db, "CSIMB001234", 5)); // on the old shard, by its id there
    chain.append(at, moved_in_event, "CSIMB001234", {{"ids", {{"assemblies", {{5, 1}}}}}});
    db.exec("INSERT INTO clinic_moves (clues, direction, shard, state, started_at) VALUES "
            "('CSIMB001234', 'in', 'b', 'done', '2026-01-01T00:00:00.000Z')");
    auto found = closing_event(db, "CSIMB001234", 1);
    REQUIRE(found);
    CHECK(found->hash == closed.hash);
    CHECK(found->seq == 1);
    CHECK(!closing_event(db, "CSIMB001234", 5)); // the old id names nothing here
}

} // namespace clinic_bundle_test
