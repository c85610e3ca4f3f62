// Issue 12: one person, one counted ballot whatever happens to their credentials; a verify that
// catches every class of tampering on a copy of a real data folder and names where; and ballots
// that nobody can link to a person once the assembly is closed.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include "store/backup.hpp"
#include "store/ballot_keys.hpp"
#include "store/crypto.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

using nlohmann::json;
namespace fs = std::filesystem;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace vote_integrity_test {

namespace {

const std::string clinic = "CSIMB000001";
const std::string base = "/api/c/" + clinic;

json hello(ws_client& ws, const std::string& code) {
    ws.send({{"type", "hello"}, {"credential", code}});
    auto welcome = ws.next_of("welcome");
    REQUIRE(welcome);
    return *welcome;
}

// Casts one ballot on a fresh socket and returns its receipt (the ack).
std::string vote(unsigned short port, const std::string& code, std::int64_t round,
                 const std::string& uid, std::vector<std::string> choices) {
    ws_client ws(port, clinic);
    hello(ws, code);
    // Ballot ids are 8 to 64 characters (schemas/ws_ballot.json).
    ws.send({{"type", "ballot"},
             {"round_id", round},
             {"ballot_id", "ballot-" + uid},
             {"choices", choices}});
    auto ack = ws.next_of("ack");
    REQUIRE_MESSAGE(ack, "no ack for " << uid);
    return (*ack)["receipt"];
}

long long scalar(const std::string& db_path, const std::string& sql) {
    SQLite::Database db(db_path, SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
}

struct run_result {
    int code = -1;
    std::string out;
};

run_result run(const std::string& args) {
    std::string cmd = std::string(ASAMBLEA_BINARY) + " " + args + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    run_result r;
    char buf[512];
    while (std::size_t n = fread(buf, 1, sizeof buf, pipe))
        r.out.append(buf, n);
    int status = pclose(pipe);
    r.code = WEXITSTATUS(status);
    return r;
}

std::string post_credential(http_client& c, const std::string& token, std::int64_t attendee,
                            const std::string& action) {
    auto r = call(c, "POST", base + "/attendees/" + std::to_string(attendee) + "/" + action, token,
                  nullptr, 200);
    return r.contains("credential") ? r["credential"].value("code", "") : "";
}

} // namespace

TEST_CASE("one person has one counted ballot whatever happens to their credentials") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 4, {100000, 150000, 200000}, 1);
    const auto& p = a.proposal_ids;
    std::string db = s.dir.db();
    auto counted = [&] {
        return scalar(db, "SELECT count(*) FROM ballots WHERE replaced_at IS NULL AND round_id = " +
                              std::to_string(a.round_id));
    };

    // A lost phone: the moderator reissues; the new code's vote replaces the person's ballot.
    auto r0 = vote(s.port, a.codes[0], a.round_id, "lost-1", {p[0]});
    auto new_code = post_credential(c, token, a.attendee_ids[0], "reissue");
    REQUIRE_FALSE(new_code.empty());
    auto r0b = vote(s.port, new_code, a.round_id, "lost-2", {p[1]});
    CHECK(r0b != r0);
    CHECK(counted() == 1);

    // Revoked, then reissued: still one ballot for the person.
    vote(s.port, a.codes[1], a.round_id, "rev-1", {p[0]});
    post_credential(c, token, a.attendee_ids[1], "revoke");
    auto code1 = post_credential(c, token, a.attendee_ids[1], "reissue");
    REQUIRE_FALSE(code1.empty());
    vote(s.port, code1, a.round_id, "rev-2", {p[2]});
    CHECK(counted() == 2);

    // Two phones with the same credential: the later ballot replaces the earlier.
    ws_client phone_a(s.port, clinic);
    ws_client phone_b(s.port, clinic);
    hello(phone_a, a.codes[2]);
    hello(phone_b, a.codes[2]);
    phone_a.send({{"type", "ballot"},
                  {"round_id", a.round_id},
                  {"ballot_id", "ballot-two-a"},
                  {"choices", {p[0]}}});
    REQUIRE(phone_a.next_of("ack"));
    phone_b.send({{"type", "ballot"},
                  {"round_id", a.round_id},
                  {"ballot_id", "ballot-two-b"},
                  {"choices", {p[1]}}});
    REQUIRE(phone_b.next_of("ack"));
    CHECK(counted() == 3);

    // The person's welcome shows the ballot that counts, from whichever credential they hold.
    ws_client again(s.port, clinic);
    auto w = hello(again, new_code);
    CHECK(w["my_ballots"][std::to_string(a.round_id)]["choices"] == json::array({p[1]}));

    // The acknowledged receipts that count are exactly the public list after the close.
    auto closed = call(c, "POST", base + "/rounds/" + std::to_string(a.round_id) + "/close", token,
                       nullptr, 200);
    auto list = call(c, "GET", base + "/rounds/" + std::to_string(a.round_id) + "/ballots", token,
                     nullptr, 200);
    CHECK(list["items"].size() == 3);
    std::set<std::string> listed;
    for (const auto& b : list["items"])
        listed.insert(b["receipt"]);
    CHECK(listed.contains(r0b));
    CHECK_FALSE(listed.contains(r0));
    CHECK(scalar(db, "SELECT json_extract(result, '$.ballots') FROM rounds WHERE id = " +
                         std::to_string(a.round_id)) == 3);
    CHECK(run("verify --data " + s.dir.str()).code == 0);
}

namespace {

// A real data folder: a closed budget round with a re-vote, a second closed round, and the
// assembly closed. Returns the acta's head (the close of the assembly).
struct closed_assembly {
    std::int64_t round_id = 0;
    std::int64_t motion_id = 0;
    std::string acta_head;
};

closed_assembly run_assembly(running_server& s, http_client& c, const std::string& token) {
    auto a = setup_assembly(c, token, clinic, 4, {100000, 150000}, 1);
    const auto& p = a.proposal_ids;
    vote(s.port, a.codes[0], a.round_id, "b0", {p[0]});
    vote(s.port, a.codes[1], a.round_id, "b1", {p[0]});
    vote(s.port, a.codes[2], a.round_id, "b2", {p[1]});
    vote(s.port, a.codes[3], a.round_id, "b3", {p[1]});
    vote(s.port, a.codes[3], a.round_id, "b3-again", {p[0]}); // a re-vote
    call(c, "POST", base + "/rounds/" + std::to_string(a.round_id) + "/close", token, nullptr, 200);
    auto motion = call(c, "POST", base + "/rounds", token,
                       {{"kind", "motion"}, {"title", "Aprobar el orden del día"}}, 201);
    std::int64_t motion_id = motion["id"];
    call(c, "POST", base + "/rounds/" + std::to_string(motion_id) + "/open", token, nullptr, 200);
    auto yes = motion["options"][0]["id"].get<std::string>();
    for (int i = 0; i < 3; ++i)
        vote(s.port, a.codes[static_cast<std::size_t>(i)], motion_id, "m" + std::to_string(i),
             {yes});
    call(c, "POST", base + "/rounds/" + std::to_string(motion_id) + "/close", token, nullptr, 200);
    call(c, "POST", base + "/assembly/transition", token, {{"to", "cerrada"}}, 200);
    auto head = call(c, "GET", base + "/chain/head", "", nullptr, 200);
    return {a.round_id, motion_id, head["hash"]};
}

// A copy of the live data folder, made the way `asamblea backup` makes one.
struct folder_copy {
    test_dir dir;
    folder_copy(const running_server& s) {
        asamblea::store::backup_database(s.dir.db(), dir.db());
        fs::copy_file(s.dir.path / "secret.key", dir.path / "secret.key");
    }
    void exec(const std::string& sql) {
        SQLite::Database db(dir.db(), SQLite::OPEN_READWRITE);
        db.exec(sql);
    }
};

} // namespace

TEST_CASE("asamblea verify catches each class of tampering and names the round or event") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = run_assembly(s, c, token);
    auto round = std::to_string(a.round_id);
    auto motion = std::to_string(a.motion_id);

    {
        folder_copy untouched(s);
        auto ok = run("verify --data " + untouched.dir.str() + " --head " + a.acta_head);
        CHECK_MESSAGE(ok.code == 0, ok.out);
        CHECK(ok.out.find("Bitácora de " + clinic + ": íntegra") != std::string::npos);
        CHECK(ok.out.find("Diferencias: 0") != std::string::npos);
    }

    struct tampering {
        const char* what;
        std::string sql;
        std::string named; // what the report must name
        bool with_head = false;
    };
    std::vector<tampering> cases = {
        {"two ballots' choices swapped (totals unchanged)",
         // The first ballot chose proposal 0 and the third proposal 1 (run_assembly).
         "CREATE TEMP TABLE pair AS SELECT id, choices FROM ballots WHERE round_id = " + round +
             " ORDER BY id LIMIT 3; DELETE FROM pair WHERE id = (SELECT id FROM pair ORDER BY id "
             "LIMIT 1 OFFSET 1); UPDATE ballots SET choices = (SELECT p.choices FROM pair p WHERE "
             "p.id <> ballots.id) WHERE id IN (SELECT id FROM pair)",
         "ronda " + round},
        {"a changed receipt",
         "UPDATE ballots SET receipt = 'ZZZZZZZZ' WHERE id = (SELECT min(id) FROM ballots)",
         "ZZZZZZZZ"},
        {"the last events of the chain deleted",
         "DELETE FROM audit_events WHERE seq > (SELECT max(seq) - 2 FROM audit_events)",
         "NO está en la bitácora", true},
        {"a result's summary rewritten",
         "UPDATE rounds SET result = json_set(result, '$.summary', 'Ganó otra cosa') WHERE id = " +
             round,
         "ronda " + round},
        {"the winning option renamed in spec and result",
         "UPDATE rounds SET spec = replace(spec, 'Propuesta 0', 'Propuesta cambiada'), result = "
         "replace(result, 'Propuesta 0', 'Propuesta cambiada'), title = title WHERE id = " +
             round,
         "ronda " + round},
        {"a vote moved and the stored result fixed to match",
         "UPDATE ballots SET choices = (SELECT choices FROM ballots WHERE round_id = " + round +
             " AND replaced_at IS NULL ORDER BY id LIMIT 1 OFFSET 2) WHERE id = (SELECT min(id) "
             "FROM ballots WHERE round_id = " +
             round +
             "); UPDATE rounds SET result = json_set(result, '$.lines[0].votes', "
             "json_extract(result, "
             "'$.lines[0].votes') - 1, '$.lines[1].votes', json_extract(result, "
             "'$.lines[1].votes') + 1) WHERE id = " +
             round,
         "ronda " + round},
        {"a closed round set back to abierta",
         "UPDATE rounds SET status = 'abierta', closed_at = NULL, result = NULL WHERE id = " +
             motion,
         "ronda " + motion},
        {"a closed round deleted with its ballots",
         "DELETE FROM ballots WHERE round_id = " + motion +
             "; DELETE FROM rounds WHERE id = " + motion,
         "ronda " + motion},
    };
    for (const auto& t : cases) {
        std::string what = t.what;
        CAPTURE(what);
        folder_copy copy(s);
        copy.exec(t.sql);
        auto r = run("verify --data " + copy.dir.str() +
                     (t.with_head ? " --head " + a.acta_head : std::string()));
        CHECK_MESSAGE(r.code == 2, r.out);
        CHECK_MESSAGE(r.out.find(t.named) != std::string::npos, r.out);
    }
}

TEST_CASE("a clinic's published chain is checked alone against the acta's head") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000}, 1);
    // While the assembly runs, the ballots' choices are not published.
    auto early = c.request("GET", base + "/chain");
    CHECK(early.status == 409);
    CHECK(json::parse(early.body)["error"] == "assembly_running");
    vote(s.port, a.codes[0], a.round_id, "c0", {a.proposal_ids[0]});
    call(c, "POST", base + "/rounds/" + std::to_string(a.round_id) + "/close", token, nullptr, 200);
    call(c, "POST", base + "/assembly/transition", token, {{"to", "cerrada"}}, 200);
    auto head = call(c, "GET", base + "/chain/head", "", nullptr, 200)["hash"].get<std::string>();

    auto published = c.request("GET", base + "/chain");
    REQUIRE(published.status == 200);
    test_dir out;
    auto file = (out.path / "bitacora.json").string();
    std::ofstream(file) << published.body;
    auto ok = run("verify --chain " + file + " --head " + head);
    CHECK_MESSAGE(ok.code == 0, ok.out);
    CHECK(ok.out.find("con diferencias: 0") != std::string::npos);

    // The same file with a ballot's choice changed, or its tail cut, fails.
    auto doc = json::parse(published.body);
    for (auto& e : doc["events"])
        if (e["type"] == "ballot.cast")
            e["payload"]["choices"] = json::array({"999"});
    std::ofstream(file) << doc.dump();
    auto forged = run("verify --chain " + file + " --head " + head);
    CHECK(forged.code == 2);
    CHECK(forged.out.find("fue modificado") != std::string::npos);
    doc = json::parse(published.body);
    doc["events"].erase(doc["events"].end() - 1);
    std::ofstream(file) << doc.dump();
    auto cut = run("verify --chain " + file + " --head " + head);
    CHECK(cut.code == 2);
    CHECK(cut.out.find("NO está") != std::string::npos);
}

TEST_CASE("after the close nobody holding the data folder can link a ballot to a person") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 3, {100000, 150000}, 1);
    for (std::size_t i = 0; i < 3; ++i)
        vote(s.port, a.codes[i], a.round_id, "s" + std::to_string(i), {a.proposal_ids[i % 2]});
    auto& keys = s.srv->store().ballot_keys();
    std::int64_t assembly_id = call(c, "GET", base + "/assembly", token, nullptr, 200)["id"];

    // Every candidate link: each attendee id (and each credential id) with every key the
    // folder holds, under the tag's recipe.
    auto linkable = [&](const test_dir& folder) {
        SQLite::Database db(folder.db(), SQLite::OPEN_READONLY);
        std::set<std::string> tags;
        SQLite::Statement q(db, "SELECT voter_tag FROM ballots WHERE round_id = " +
                                    std::to_string(a.round_id));
        while (q.executeStep())
            tags.insert(q.getColumn(0).getString());
        std::vector<asamblea::store::secret_key> candidates = {
            asamblea::store::load_or_create_key((folder.path / "secret.key").string())};
        asamblea::store::ballot_keys folder_keys(folder.path / "ballot-keys");
        if (auto k = folder_keys.find(assembly_id))
            candidates.push_back(*k);
        int links = 0;
        SQLite::Statement people(db, "SELECT id FROM attendees UNION SELECT id FROM credentials");
        while (people.executeStep())
            for (const auto& key : candidates)
                links += tags.contains(
                    asamblea::store::voter_tag(key, a.round_id, people.getColumn(0).getInt64()));
        return links;
    };

    // While the assembly runs the key exists, and with it the tags can be tied to people: the
    // check below would see a link if one could be made.
    REQUIRE(keys.find(assembly_id));
    {
        test_dir during;
        asamblea::store::backup_database(s.dir.db(), during.db());
        fs::copy_file(s.dir.path / "secret.key", during.path / "secret.key");
        fs::create_directories(during.path / "ballot-keys");
        fs::copy_file(keys.file(assembly_id),
                      during.path / "ballot-keys" / fs::path(keys.file(assembly_id)).filename());
        CHECK(linkable(during) == 3);
    }

    call(c, "POST", base + "/rounds/" + std::to_string(a.round_id) + "/close", token, nullptr, 200);
    // The assembly cannot close with a round open, and closing destroys the key (audited).
    call(c, "POST", base + "/assembly/transition", token, {{"to", "cerrada"}}, 200);
    CHECK_FALSE(fs::exists(keys.file(assembly_id)));
    CHECK(scalar(s.dir.db(), "SELECT count(*) FROM audit_events WHERE type = "
                             "'assembly.ballot_key_destroyed'") == 1);
    test_dir after;
    asamblea::store::backup_database(s.dir.db(), after.db());
    fs::copy_file(s.dir.path / "secret.key", after.path / "secret.key");
    if (fs::exists(s.dir.path / "ballot-keys"))
        fs::copy(s.dir.path / "ballot-keys", after.path / "ballot-keys");
    CHECK(linkable(after) == 0);
    // The public list by receipt still works.
    auto list = call(c, "GET", base + "/rounds/" + std::to_string(a.round_id) + "/ballots", "",
                     nullptr, 200);
    CHECK(list["items"].size() == 3);
}

TEST_CASE("an assembly with an open round cannot close") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    setup_assembly(c, token, clinic, 2, {100000}, 1);
    auto r = call(c, "POST", base + "/assembly/transition", token, {{"to", "cerrada"}}, 409);
    CHECK(r["error"] == "round_open");
}

} // namespace vote_integrity_test
