// `asamblea backup` through the real binary: a copy taken while the real server commits ballots
// opens, its audit chain holds and `asamblea verify` passes on it; a used target is refused.
#include "assembly_setup.hpp"
#include "run_command.hpp"
#include "ws_client.hpp"

#include "store/audit_chain.hpp"
#include "store/database.hpp"
#include "store/round_repo.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace backup_cli_test {

namespace {

std::string file_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Checks a finished copy as a restore would use it: both files, the key unchanged, the chain
// intact, and `asamblea verify` passing on the copy's folder alone.
void check_copy(const fs::path& copy, const fs::path& data) {
    // The database, the key, and the running assembly's ballot key; no -wal or -shm beside the
    // copy that a restore could mix up.
    CHECK(std::distance(fs::directory_iterator(copy), fs::directory_iterator()) == 3);
    REQUIRE(fs::is_regular_file(copy / "asamblea.db"));
    CHECK(std::distance(fs::directory_iterator(copy / "ballot-keys"), fs::directory_iterator()) ==
          1);
    REQUIRE(fs::is_regular_file(copy / "secret.key"));
    CHECK(file_text(copy / "secret.key") == file_text(data / "secret.key"));
    {
        auto db = asamblea::store::open_database((copy / "asamblea.db").string(),
                                                 asamblea::store::access::read_only);
        auto chain = asamblea::store::verify_chains(*db);
        CHECK(chain.ok());
        CHECK(chain.events() > 0);
    }
    auto verified = run_command("verify --data '" + copy.string() + "'");
    CHECK_MESSAGE(verified.exit_code == 0, verified.output);
    // Nothing but the copy is left beside it (no temporary folder).
    for (const auto& entry : fs::directory_iterator(copy.parent_path()))
        CHECK_MESSAGE(entry.path().filename().string().find(".tmp-") == std::string::npos,
                      entry.path());
}

} // namespace

TEST_CASE("asamblea backup copies the live database while ballots are being committed") {
    running_server server;
    test_dir out;
    http_client c(server.port);
    auto token = login(c, "coord");
    auto s = setup_assembly(c, token, "CSIMB000001", 8, {1000, 2000, 3000}, 2);

    // Voters re-vote in turn, each ballot waiting for its ack (a commit), until told to stop.
    std::atomic<bool> stop{false}, gone{false};
    std::atomic<int> acks{0};
    std::thread voters([&] {
        std::vector<std::unique_ptr<ws_client>> sockets;
        for (const auto& code : s.codes) {
            sockets.push_back(std::make_unique<ws_client>(server.port, s.clues));
            sockets.back()->send({{"type", "hello"}, {"credential", code}});
            if (!sockets.back()->next_of("welcome"))
                break;
        }
        for (std::size_t n = 0; !stop && sockets.size() == s.codes.size(); ++n) {
            auto& ws = *sockets[n % sockets.size()];
            ws.send({{"type", "ballot"},
                     {"round_id", s.round_id},
                     {"ballot_id", "ballot-" + std::to_string(n)},
                     {"choices", {s.proposal_ids[n % s.proposal_ids.size()]}}});
            if (!ws.next_of("ack"))
                break;
            ++acks;
        }
        gone = true;
    });
    // Waits (bounded, never timed) until the voters have `n` acks or have given up.
    auto wait_for_acks = [&](int n) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (acks < n && !gone && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    };
    wait_for_acks(10);
    const fs::path live_copy = out.path / "durante";
    auto taken =
        run_command("backup --data '" + server.dir.str() + "' --out '" + live_copy.string() + "'");
    // A few more commits land after the copy before the voters stop.
    wait_for_acks(acks + 5);
    stop = true;
    voters.join();
    REQUIRE_MESSAGE(acks >= 10, "the voters stopped early after " << acks.load() << " acks");
    REQUIRE_MESSAGE(taken.exit_code == 0, taken.output);
    CHECK(taken.output.find("bitácora íntegra") != std::string::npos);
    check_copy(live_copy, server.dir.path);
    {
        // The copy holds one ballot per voter at most and at least those acknowledged first.
        auto db = asamblea::store::open_database((live_copy / "asamblea.db").string(),
                                                 asamblea::store::access::read_only);
        auto counted = asamblea::store::counted_ballots(*db, s.round_id);
        CHECK(counted.size() <= s.codes.size());
        CHECK(asamblea::store::all_ballots(*db, s.round_id).size() >= 10);
    }

    // After the round closes, a copy into an existing empty folder recounts it too.
    call(c, "POST", "/api/c/" + s.clues + "/rounds/" + std::to_string(s.round_id) + "/close", token,
         nullptr, 200);
    const fs::path closed_copy = out.path / "vacia";
    fs::create_directory(closed_copy);
    auto again = run_command("backup --data '" + server.dir.str() + "' --out '" +
                             closed_copy.string() + "'");
    REQUIRE_MESSAGE(again.exit_code == 0, again.output);
    check_copy(closed_copy, server.dir.path);
    auto recount = run_command("verify --data '" + closed_copy.string() + "'");
    CHECK_MESSAGE(recount.exit_code == 0, recount.output);
    CHECK(recount.output.find("recontadas desde ella: 1") != std::string::npos);
    CHECK(recount.output.find("Diferencias: 0") != std::string::npos);
}

TEST_CASE("asamblea backup refuses a used target and a folder without a database") {
    test_dir data, out;
    auto seeded = run_command("seed-demo --data '" + data.str() + "'");
    REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.output);

    const fs::path used = out.path / "usada";
    fs::create_directory(used);
    std::ofstream(used / "nota.txt") << "no tocar\n";
    auto refused = run_command("backup --data '" + data.str() + "' --out '" + used.string() + "'");
    CHECK(refused.exit_code != 0);
    CHECK_MESSAGE(refused.output.find("ya existe") != std::string::npos, refused.output);
    CHECK(file_text(used / "nota.txt") == "no tocar\n");
    CHECK_FALSE(fs::exists(used / "asamblea.db"));

    const fs::path file = out.path / "archivo";
    std::ofstream(file) << "x";
    auto onto_file =
        run_command("backup --data '" + data.str() + "' --out '" + file.string() + "'");
    CHECK(onto_file.exit_code != 0);
    CHECK(file_text(file) == "x");

    test_dir empty;
    auto no_db = run_command("backup --data '" + empty.str() + "' --out '" +
                             (out.path / "nueva").string() + "'");
    CHECK(no_db.exit_code != 0);
    CHECK_MESSAGE(no_db.output.find("no hay base de datos") != std::string::npos, no_db.output);
    CHECK_FALSE(fs::exists(out.path / "nueva"));
    // Only what the test made is there: no temporary folder was left behind.
    CHECK(std::distance(fs::directory_iterator(out.path), fs::directory_iterator()) == 2);
}

} // namespace backup_cli_test
