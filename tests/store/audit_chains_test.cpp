// One chain per clinic: each clinic's events chain among themselves from 1, a tampered clinic
// fails alone, a rolled-back command leaves no gap, and events stored before schema 8 stay one
// global chain that still verifies.
#include "store/audit_chain.hpp"
#include "store/ballot_keys.hpp"
#include "store/crypto.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/writer.hpp"
#include "test_dir.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <filesystem>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace audit_chains_test {

namespace {

writer::command event(std::string clues, int n, bool fail = false) {
    return [clues, n, fail](write_context& ctx) -> domain::status {
        ctx.audit("test.event", clues, {{"n", n}});
        if (fail)
            return domain::fail(domain::error_kind::conflict, "nope", "no");
        return {};
    };
}

} // namespace

TEST_CASE("each clinic has its own chain, checked alone") {
    test_dir dir;
    {
        writer w(dir.db());
        for (int i = 0; i < 4; ++i) {
            REQUIRE(w.run(event("CSIMB000001", i)));
            REQUIRE(w.run(event("CSIMB000002", i)));
            CHECK_FALSE(w.run(event("CSIMB000001", 100 + i, true))); // rolled back: no gap
        }
        REQUIRE(w.run(event("", 9)));
    }
    auto db = open_database(dir.db(), access::read_write);
    auto check = verify_chains(*db);
    CHECK(check.ok());
    REQUIRE(check.chains.size() == 3);
    const auto* one = check.find("CSIMB000001");
    REQUIRE(one);
    CHECK(one->events == 4);
    CHECK(one->head.seq == 4);
    CHECK(one->head.hash == read_chain_head(*db, "CSIMB000001").hash);
    auto events = read_chain(*db, "CSIMB000002");
    REQUIRE(events.size() == 4);
    CHECK(events[0].prev_hash == std::string(64, '0'));
    CHECK(check_chain("CSIMB000002", events).ok);

    // A changed event breaks its clinic's chain only, and is named.
    db->exec("UPDATE audit_events SET payload = '{\"n\":7}' WHERE clues = 'CSIMB000002' AND "
             "chain_seq = 3");
    check = verify_chains(*db);
    CHECK_FALSE(check.ok());
    CHECK(check.find("CSIMB000001")->ok);
    CHECK_FALSE(check.find("CSIMB000002")->ok);
    CHECK(check.find("CSIMB000002")->first_bad_seq == 3);
    // A deleted middle event is a gap.
    db->exec("DELETE FROM audit_events WHERE clues = 'CSIMB000001' AND chain_seq = 2");
    CHECK(verify_chains(*db).find("CSIMB000001")->problem.find("falta el evento 2") !=
          std::string::npos);
}

TEST_CASE("events stored before schema 8 stay one global chain, and new ones go per clinic") {
    test_dir dir;
    {
        auto db = open_database(dir.db(), access::read_write);
        REQUIRE(migrate(*db, 7) == 7);
        // Schema 7's chain: global seq, global prev_hash (what the old writer wrote).
        chain_head head;
        for (int i = 1; i <= 3; ++i) {
            auto text = canonical_event(i, "2026-02-21T17:00:00.000Z", "old.event",
                                        i % 2 ? "CSIMB000001" : "", {{"n", i}});
            SQLite::Statement ins(*db, "INSERT INTO audit_events (seq, at, type, clues, payload, "
                                       "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
            auto hash = sha256_hex(head.hash + text);
            ins.bind(1, i);
            ins.bind(2, "2026-02-21T17:00:00.000Z");
            ins.bind(3, "old.event");
            if (i % 2)
                ins.bind(4, "CSIMB000001");
            else
                ins.bind(4);
            ins.bind(5, nlohmann::json{{"n", i}}.dump());
            ins.bind(6, head.hash);
            ins.bind(7, hash);
            ins.exec();
            head = {i, hash};
        }
    }
    {
        writer w(dir.db()); // migrates to the newest schema
        REQUIRE(w.run(event("CSIMB000001", 1)));
    }
    auto db = open_database(dir.db(), access::read_only);
    auto check = verify_chains(*db);
    CHECK(check.ok());
    REQUIRE(check.chains.size() == 2);
    CHECK(check.chains[0].legacy);
    CHECK(check.chains[0].events == 3);
    CHECK(check.find("CSIMB000001")->events == 1);
}

TEST_CASE("a ballot key is durable until destroyed, and gone for good after") {
    test_dir dir;
    auto folder = dir.path / "ballot-keys";
    secret_key first{};
    {
        ballot_keys keys(folder);
        CHECK_FALSE(keys.find(7));
        first = keys.get_or_create(7);
        CHECK(std::filesystem::file_size(keys.file(7)) == 32);
    }
    ballot_keys again(folder); // a restart reads the same key
    REQUIRE(again.find(7));
    CHECK(*again.find(7) == first);
    CHECK(again.stored() == std::vector<std::int64_t>{7});
    CHECK(voter_tag(first, 1, 2) != voter_tag(first, 1, 3));
    CHECK(voter_tag(first, 1, 2) != voter_tag(first, 2, 2));
    again.destroy(7);
    CHECK_FALSE(again.find(7));
    CHECK_FALSE(std::filesystem::exists(again.file(7)));
    CHECK(again.stored().empty());
    again.destroy(7); // idempotent
}

TEST_CASE("the canonical text of an event is the sorted-key dump of the event as one object") {
    // What every stored hash was computed from before the text was written by hand: the five
    // fields as one nlohmann object, dumped. The chains already stored depend on these bytes.
    auto tree_dump = [](std::int64_t seq, const std::string& at, const std::string& type,
                        const std::string& clues, const nlohmann::json& payload) {
        nlohmann::json event = {
            {"seq", seq},
            {"at", at},
            {"type", type},
            {"clues", clues.empty() ? nlohmann::json(nullptr) : nlohmann::json(clues)},
            {"payload", payload}};
        return event.dump();
    };
    const nlohmann::json payloads[] = {
        {{"round_id", 7}, {"receipt", "K7P4M2Q9"}, {"choices", {"12", "15"}}},
        {{"replaces", "AB"}, {"z", nullptr}, {"a", {{"y", 1.5}, {"x", false}}}},
        nlohmann::json::object(),
        {{"nota", "Clínica «Niños Héroes» \"norte\"\\\n\t\x01 ñ 日本"}},
        {{"n", -9007199254740993LL}, {"u", 18446744073709551615ULL}},
    };
    const std::string texts[] = {"", "CSIMB000001", "tipo \"raro\" \\ ñ\x1f"};
    std::int64_t seq = -1;
    for (const auto& payload : payloads)
        for (const auto& s : texts) {
            seq = seq * 7 + 3;
            CAPTURE(payload.dump());
            CAPTURE(s);
            CHECK(canonical_event(seq, "2026-02-21T17:00:00.000Z" + s, "ballot.cast" + s, s,
                                  payload) ==
                  tree_dump(seq, "2026-02-21T17:00:00.000Z" + s, "ballot.cast" + s, s, payload));
            CHECK(canonical_event_text(seq, s, s, s, payload.dump()) ==
                  tree_dump(seq, s, s, s, payload));
        }
}

} // namespace audit_chains_test
