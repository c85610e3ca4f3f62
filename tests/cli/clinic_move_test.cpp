// Moving a clinic between shards through the real binary: `clinic-export` on one data folder,
// `clinic-import` on another. The demo's main clinic (last year's closed assembly, its works,
// quotes, expenses and files) moves; `verify` passes on both; its results and follow-up read the
// same on the new shard, which serves it while running; a running source answers 421 for it
// while its other clinics go on; and every refusal writes nothing.
#include "../store/test_dir.hpp"
#include "http_client.hpp"
#include "run_command.hpp"
#include "serve_process.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

namespace fs = std::filesystem;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace clinic_move_test {

namespace {

// GET `target` until it answers `status`, for at most 20 s (it bounds only a broken build).
http_reply poll_until(http_client& client, const std::string& target, unsigned status) {
    http_reply reply;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    do {
        reply = client.request("GET", target);
        if (reply.status == status)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return reply;
}

constexpr const char* moved = "CSIMB001234"; // the demo's main clinic
constexpr const char* stays = "OCIMB000587"; // another demo clinic, left on the source

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

// The demo (`seed-demo`) in a fresh data folder: the source shard of every move here.
void seed_demo(const fs::path& data) {
    auto seeded = run_command("seed-demo --data " + quoted(data));
    REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.output);
}

// A data folder that holds some other clinic, as a shard B does before the move.
void make_shard_b(const fs::path& data, const fs::path& scratch) {
    fs::create_directories(scratch);
    auto csv = scratch / "b.csv";
    std::ofstream(csv) << "clues,nombre,entidad,municipio,institucion,consultorios,tipo\n"
                          "MCIMB000777,Siete,México,Toluca,IMSS-BIENESTAR,2,UMF\n";
    auto r = run_command("import-clinics --data " + quoted(data) + " " + quoted(csv));
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
}

// Drops what differs by design between two shards: row ids and export times.
nlohmann::json without_ids(nlohmann::json j) {
    if (j.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (auto& [key, value] : j.items()) {
            bool id = key == "id" || (key.size() > 3 && key.substr(key.size() - 3) == "_id");
            if (!id && key != "generated_at" && key != "exported_at")
                out[key] = without_ids(value);
        }
        return out;
    }
    if (j.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (auto& value : j)
            out.push_back(without_ids(value));
        return out;
    }
    return j;
}

// The clinic's open data (assemblies, closed rounds and their results, committee) and its
// follow-up ledger as `asamblea export --dir` writes them.
nlohmann::json open_data(const fs::path& data, const fs::path& dir) {
    fs::remove_all(dir);
    auto r = run_command("export --data " + quoted(data) + " --clues " + moved + " --dir " +
                         quoted(dir));
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    nlohmann::json out;
    for (const char* name : {"export.json", "followup.json"}) {
        std::ifstream in(dir / name);
        REQUIRE(in);
        out[name] = without_ids(nlohmann::json::parse(in));
    }
    return out;
}

std::int64_t count(const fs::path& data, const std::string& sql) {
    SQLite::Database db((data / "asamblea.db").string(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
}

std::vector<std::string> chain_hashes(const fs::path& data) {
    SQLite::Database db((data / "asamblea.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, std::string("SELECT hash FROM audit_events WHERE clues = '") + moved +
                                "' AND chain_seq IS NOT NULL ORDER BY chain_seq");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::string last_chain_type(const fs::path& data) {
    SQLite::Database db((data / "asamblea.db").string(), SQLite::OPEN_READONLY);
    return db
        .execAndGet(std::string("SELECT type FROM audit_events WHERE clues = '") + moved +
                    "' ORDER BY chain_seq DESC LIMIT 1")
        .getString();
}

void corrupt_byte(const fs::path& file) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(f);
    f.seekg(10);
    char c = 0;
    f.get(c);
    f.seekp(10);
    f.put(static_cast<char>(c ^ 0x01));
}

} // namespace

TEST_CASE("clinic-export and clinic-import move the demo clinic with its data; verify passes on "
          "both") {
    test_dir dir;
    const auto a = dir.path / "a";
    const auto b = dir.path / "b";
    const auto bundle = dir.path / "bundle";
    seed_demo(a);
    make_shard_b(b, dir.path / "scratch");
    auto before = open_data(a, dir.path / "open-a");
    auto works =
        count(a, std::string("SELECT count(*) FROM work_items WHERE clues = '") + moved + "'");
    REQUIRE(works >= 7);

    auto exported = run_command("clinic-export --data " + quoted(a) + " --clues " + moved +
                                " --to shard-b --out " + quoted(bundle));
    REQUIRE_MESSAGE(exported.exit_code == 0, exported.output);
    CHECK(fs::is_regular_file(bundle / "manifest.json"));
    CHECK(last_chain_type(a) == "clinic.moved_out");
    auto chain_a = chain_hashes(a);

    auto verify_a = run_command("verify --data " + quoted(a));
    CHECK_MESSAGE(verify_a.exit_code == 0, verify_a.output);

    // B serves while the clinic arrives: unknown before the import, served after it.
    auto server_b = std::make_unique<serve_process>(b, dir.path);
    http_client client_b(server_b->port());
    CHECK(client_b.request("GET", std::string("/api/c/") + moved).status == 404);
    auto imported = run_command("clinic-import --data " + quoted(b) + " --from " + quoted(bundle));
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.output);
    // Within clinic_directory::default_recheck (100 ms); the loop only bounds a broken build.
    auto arrived = poll_until(client_b, std::string("/api/c/") + moved, 200);
    CHECK_MESSAGE(arrived.status == 200, arrived.body);
    auto verify_b = run_command("verify --data " + quoted(b));
    CHECK_MESSAGE(verify_b.exit_code == 0, verify_b.output);
    CHECK(verify_b.output.find(std::string("Bitácora de ") + moved + ": íntegra") !=
          std::string::npos);

    // B's chain of the clinic is A's, move-out included, and then the move-in.
    auto chain_b = chain_hashes(b);
    REQUIRE(chain_b.size() == chain_a.size() + 1);
    CHECK(std::equal(chain_a.begin(), chain_a.end(), chain_b.begin()));
    CHECK(last_chain_type(b) == "clinic.moved_in");

    // The same results, committee and follow-up ledger; the rows and files are all there.
    CHECK(open_data(b, dir.path / "open-b") == before);
    CHECK(count(b, std::string("SELECT count(*) FROM work_items WHERE clues = '") + moved + "'") ==
          works);
    CHECK(count(b, "SELECT count(*) FROM expenses") ==
          count(a, std::string("SELECT count(*) FROM expenses WHERE clues = '") + moved + "'"));
    {
        SQLite::Database db((b / "asamblea.db").string(), SQLite::OPEN_READONLY);
        SQLite::Statement files(db, "SELECT file_sha256 FROM evidence UNION SELECT file_sha256 "
                                    "FROM quotes UNION SELECT xml_sha256 FROM expenses");
        int n = 0;
        while (files.executeStep()) {
            auto sha = files.getColumn(0).getString();
            CHECK(fs::is_regular_file(b / "evidence" / sha.substr(0, 2) / sha));
            ++n;
        }
        CHECK(n > 10);
    }
    // Both halves are recorded.
    CHECK(
        count(a, "SELECT count(*) FROM clinic_moves WHERE direction = 'out' AND state = 'done'") ==
        1);
    CHECK(count(b, "SELECT count(*) FROM clinic_moves WHERE direction = 'in'") == 1);
    CHECK(count(a, "SELECT count(*) FROM audit_events WHERE clues IS NULL AND type = "
                   "'clinic.moved_out'") == 1);
    CHECK(count(b, "SELECT count(*) FROM audit_events WHERE clues IS NULL AND type = "
                   "'clinic.moved_in'") == 1);

    // Importing twice and exporting twice are refused, and change nothing.
    auto again = run_command("clinic-import --data " + quoted(b) + " --from " + quoted(bundle));
    CHECK(again.exit_code != 0);
    CHECK_MESSAGE(again.output.find("ya se importó") != std::string::npos, again.output);
    CHECK(chain_hashes(b).size() == chain_b.size());
    auto twice = run_command("clinic-export --data " + quoted(a) + " --clues " + moved +
                             " --to shard-b --out " + quoted(dir.path / "bundle2"));
    CHECK(twice.exit_code != 0);
    CHECK_MESSAGE(twice.output.find("ya se movió") != std::string::npos, twice.output);
    CHECK(!fs::exists(dir.path / "bundle2"));

    // A later change on B (a committee member's note, through the running server) extends the
    // chain.
    auto login = client_b.request(
        "POST", "/api/auth/login",
        R"({"username":"cosabi-presidencia","password":"demo-cosabi-presidencia"})");
    REQUIRE_MESSAGE(login.status == 200, login.body);
    auto token = nlohmann::json::parse(login.body)["token"].get<std::string>();
    auto work =
        count(b, std::string("SELECT min(id) FROM work_items WHERE clues = '") + moved + "'");
    auto note = client_b.request(
        "POST", std::string("/api/c/") + moved + "/works/" + std::to_string(work) + "/notes",
        R"({"text":"Revisado después de la mudanza."})", {{"Authorization", "Bearer " + token}});
    CHECK_MESSAGE(note.status == 201, note.body);
    server_b.reset();
    CHECK(chain_hashes(b).size() == chain_b.size() + 1);
    auto verify_later = run_command("verify --data " + quoted(b));
    CHECK_MESSAGE(verify_later.exit_code == 0, verify_later.output);
}

TEST_CASE("a running shard answers 421 naming the new shard once a clinic's export starts, and "
          "serves its other clinics") {
    test_dir dir;
    const auto a = dir.path / "a";
    seed_demo(a);
    serve_process server(a, dir.path);
    http_client c(server.port());
    REQUIRE(c.request("GET", std::string("/api/c/") + moved).status == 200);
    // A login appends to the chain of no clinic, so the server's writer knows that chain's head
    // before the export extends it from another connection.
    auto login = c.request("POST", "/api/auth/login",
                           R"({"username":"coordinador","password":"demo-coordinador"})");
    REQUIRE_MESSAGE(login.status == 200, login.body);
    auto token = nlohmann::json::parse(login.body)["token"].get<std::string>();

    auto exported = run_command("clinic-export --data " + quoted(a) + " --clues " + moved +
                                " --to shard-b --out " + quoted(dir.path / "bundle"));
    REQUIRE_MESSAGE(exported.exit_code == 0, exported.output);

    // Within clinic_directory::moved_recheck (half a second); the loop only bounds a broken build.
    auto moved_reply = poll_until(c, std::string("/api/c/") + moved, 421);
    REQUIRE_MESSAGE(moved_reply.status == 421, moved_reply.body);
    auto body = nlohmann::json::parse(moved_reply.body);
    CHECK(body["error"] == "wrong_shard");
    CHECK(body["shard"] == "shard-b");
    CHECK(c.request("GET", std::string("/api/c/") + moved + "/followup").status == 421);

    // The other clinics go on, and so do writes to the chain of no clinic, which the export
    // extended behind the server's back (the logout).
    CHECK(c.request("GET", std::string("/api/c/") + stays).status == 200);
    auto work = c.request(
        "POST", std::string("/api/c/") + stays + "/works",
        R"({"edition":2025,"title":"Lámpara de exploración","category":"equipamiento","approved_centavos":120000,"reason":"Se descompuso la anterior."})",
        {{"Authorization", "Bearer " + token}});
    CHECK_MESSAGE(work.status == 201, work.body);
    auto logout = c.request("POST", "/api/auth/logout", "", {{"Authorization", "Bearer " + token}});
    CHECK(logout.status == 200);
    ::kill(server.pid(), SIGTERM);
    server.reap();
    auto verify = run_command("verify --data " + quoted(a));
    CHECK_MESSAGE(verify.exit_code == 0, verify.output);
}

TEST_CASE("clinic-export refuses an unknown clinic and one with an assembly under way, writing "
          "nothing") {
    test_dir dir;
    const auto a = dir.path / "a";
    seed_demo(a);
    auto events = count(a, "SELECT count(*) FROM audit_events");

    auto unknown = run_command("clinic-export --data " + quoted(a) +
                               " --clues CSIMB999999 --to shard-b --out " + quoted(dir.path / "x"));
    CHECK(unknown.exit_code != 0);
    CHECK_MESSAGE(unknown.output.find("No existe la unidad «CSIMB999999»") != std::string::npos,
                  unknown.output);

    {
        SQLite::Database db((a / "asamblea.db").string(), SQLite::OPEN_READWRITE);
        db.exec(std::string("UPDATE assemblies SET state = 'registro' WHERE edition = 2026 AND "
                            "clues = '") +
                moved + "'");
    }
    auto open = run_command("clinic-export --data " + quoted(a) + " --clues " + moved +
                            " --to shard-b --out " + quoted(dir.path / "x"));
    CHECK(open.exit_code != 0);
    CHECK_MESSAGE(open.output.find("está «registro»") != std::string::npos, open.output);

    auto bad_shard = run_command("clinic-export --data " + quoted(a) + " --clues " + stays +
                                 " --to 'Shard B' --out " + quoted(dir.path / "x"));
    CHECK(bad_shard.exit_code != 0);
    CHECK(bad_shard.output.find("nombre de shard inválido") != std::string::npos);

    CHECK(!fs::exists(dir.path / "x"));
    CHECK(count(a, "SELECT count(*) FROM clinic_moves") == 0);
    CHECK(count(a, "SELECT count(*) FROM audit_events") == events);
}

TEST_CASE("an export that stopped before its bundle was whole is resumed by the same command, "
          "and only by it") {
    test_dir dir;
    const auto a = dir.path / "a";
    seed_demo(a);
    {
        // What step 1 leaves when the process dies before the bundle is made.
        SQLite::Database db((a / "asamblea.db").string(), SQLite::OPEN_READWRITE);
        db.exec(std::string("INSERT INTO clinic_moves (clues, direction, shard, state, "
                            "started_at) VALUES ('") +
                stays + "', 'out', 'shard-b', 'exporting', '2026-12-05T00:00:00.000Z')");
    }
    auto other = run_command("clinic-export --data " + quoted(a) + " --clues " + stays +
                             " --to shard-c --out " + quoted(dir.path / "c"));
    CHECK(other.exit_code != 0);
    CHECK_MESSAGE(other.output.find("ya se está moviendo al shard «shard-b»") != std::string::npos,
                  other.output);
    CHECK(!fs::exists(dir.path / "c"));
    auto resumed = run_command("clinic-export --data " + quoted(a) + " --clues " + stays +
                               " --to shard-b --out " + quoted(dir.path / "b"));
    CHECK_MESSAGE(resumed.exit_code == 0, resumed.output);
    CHECK(resumed.output.find("Se retoma") != std::string::npos);
    CHECK(fs::is_regular_file(dir.path / "b" / "manifest.json"));
    CHECK(count(a, "SELECT count(*) FROM clinic_moves WHERE state = 'done'") == 1);
    auto verify = run_command("verify --data " + quoted(a));
    CHECK_MESSAGE(verify.exit_code == 0, verify.output);
}

TEST_CASE("clinic-import refuses a damaged bundle naming what is damaged, writing nothing") {
    test_dir dir;
    const auto a = dir.path / "a";
    const auto b = dir.path / "b";
    const auto bundle = dir.path / "bundle";
    seed_demo(a);
    make_shard_b(b, dir.path / "scratch");
    auto exported = run_command("clinic-export --data " + quoted(a) + " --clues " + moved +
                                " --to shard-b --out " + quoted(bundle));
    REQUIRE_MESSAGE(exported.exit_code == 0, exported.output);
    auto manifest = nlohmann::json::parse(std::ifstream(bundle / "manifest.json"));
    auto events_b = count(b, "SELECT count(*) FROM audit_events");
    auto import_copy = [&](const std::string& name, const auto& damage) {
        auto copy = dir.path / name;
        fs::copy(bundle, copy, fs::copy_options::recursive);
        damage(copy);
        return run_command("clinic-import --data " + quoted(b) + " --from " + quoted(copy));
    };

    SUBCASE("a changed byte in an evidence file") {
        std::string sha = manifest["files"][0]["sha256"];
        auto r =
            import_copy("file", [&](const fs::path& p) { corrupt_byte(p / "evidence" / sha); });
        CHECK(r.exit_code != 0);
        CHECK_MESSAGE(r.output.find("evidence/" + sha) != std::string::npos, r.output);
    }
    SUBCASE("a changed row") {
        auto r = import_copy("row", [](const fs::path& p) {
            SQLite::Database db((p / "rows.sqlite").string(), SQLite::OPEN_READWRITE);
            db.exec("UPDATE quotes SET amount_centavos = amount_centavos + 100 WHERE rowid = 1");
        });
        CHECK(r.exit_code != 0);
        CHECK_MESSAGE(r.output.find("la tabla «quotes»") != std::string::npos, r.output);
    }
    SUBCASE("a removed chain event") {
        auto r = import_copy("chain", [](const fs::path& p) {
            SQLite::Database db((p / "rows.sqlite").string(), SQLite::OPEN_READWRITE);
            db.exec("DELETE FROM chain_events WHERE rowid = 3");
        });
        CHECK(r.exit_code != 0);
        CHECK_MESSAGE(r.output.find("la tabla «chain_events»") != std::string::npos, r.output);
    }
    SUBCASE("no manifest") {
        auto r =
            import_copy("unfinished", [](const fs::path& p) { fs::remove(p / "manifest.json"); });
        CHECK(r.exit_code != 0);
        CHECK_MESSAGE(r.output.find("no tiene manifest.json") != std::string::npos, r.output);
    }
    SUBCASE("a username the target holds for another account") {
        auto user = run_command("user add moderador --role moderator --clinic MCIMB000777 --data " +
                                    quoted(b),
                                "otra-contrasena-larga");
        REQUIRE_MESSAGE(user.exit_code == 0, user.output);
        events_b = count(b, "SELECT count(*) FROM audit_events");
        auto r = run_command("clinic-import --data " + quoted(b) + " --from " + quoted(bundle));
        CHECK(r.exit_code != 0);
        CHECK_MESSAGE(r.output.find("ya tiene el usuario «moderador» para otra cuenta") !=
                          std::string::npos,
                      r.output);
    }
    CHECK(count(b, std::string("SELECT count(*) FROM clinics WHERE clues = '") + moved + "'") == 0);
    CHECK(count(b, "SELECT count(*) FROM audit_events") == events_b);
    CHECK(count(b, "SELECT count(*) FROM clinic_moves") == 0);
    CHECK((!fs::exists(b / "evidence") || fs::is_empty(b / "evidence")));
}

} // namespace clinic_move_test
