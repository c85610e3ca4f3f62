// The SQLite baseline of scripts/bench: the rows one ballot writes (the ballot, the replaced
// mark on the voter's earlier one, and its audit event with a sha256 chain hash), inserted in a
// tight loop with prepared statements, the same PRAGMAs and schema (store::open_database and
// the migrations) and the writer's batch size. Prints a JSON line: what the disk and SQLite
// allow before any server work.
#include "store/crypto.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

using namespace asamblea;

int main(int argc, char** argv) {
    std::string dir = argc > 1 ? argv[1] : "/tmp/asamblea-sqlite-baseline";
    long ballots = argc > 2 ? std::stol(argv[2]) : 200'000;
    long batch = argc > 3 ? std::stol(argv[3]) : 1024; // store::writer::options::max_batch
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store::crypto_init();
    auto db = store::open_database(store::database_path(dir), store::access::read_write);
    store::migrate(*db);
    db->exec("INSERT INTO clinics VALUES ('BENCH000001', 'x', 'x', 'x', 'x', 1, 'x', 1, 'x', "
             "'2026-02-21T17:00:00.000Z', '2026-02-21T17:00:00.000Z')");
    db->exec("INSERT INTO assemblies (id, clues, edition, created_at, updated_at) VALUES "
             "(1, 'BENCH000001', 2026, 'x', 'x')");
    db->exec("INSERT INTO rounds (id, assembly_id, kind, title, spec, status, created_at, "
             "updated_at) VALUES (1, 1, 'budget', 'x', '{}', 'abierta', 'x', 'x')");
    nlohmann::json out;
    {
        SQLite::Statement replace(*db, "UPDATE ballots SET replaced_at = ? WHERE round_id = ? AND "
                                       "voter_tag = ? AND replaced_at IS NULL");
        SQLite::Statement ins(*db, "INSERT INTO ballots (round_id, voter_tag, ballot_uid, choices, "
                                   "receipt, cast_at) VALUES (?, ?, ?, ?, ?, ?)");
        SQLite::Statement audit(*db, "INSERT INTO audit_events (seq, at, type, clues, payload, "
                                     "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
        const std::string now = "2026-02-21T17:05:00.000Z";
        std::string head;
        auto started = std::chrono::steady_clock::now();
        long done = 0;
        while (done < ballots) {
            db->exec("BEGIN IMMEDIATE");
            for (long i = 0; i < batch && done < ballots; ++i, ++done) {
                std::string tag = store::sha256_hex("voter:" + std::to_string(done));
                char receipt[32];
                std::snprintf(receipt, sizeof receipt, "R%07ld", done);
                replace.bind(1, now);
                replace.bind(2, 1);
                replace.bind(3, tag);
                replace.exec();
                replace.reset();
                ins.bind(1, 1);
                ins.bind(2, tag);
                ins.bind(3, "lg-burst-" + std::to_string(done));
                ins.bind(4, R"(["12","15"])");
                ins.bind(5, receipt);
                ins.bind(6, now);
                ins.exec();
                ins.reset();
                std::string payload = std::string(R"({"choices":["12","15"],"receipt":")") +
                                      receipt + R"(","round_id":1})";
                std::string event = R"({"at":")" + now + R"(","clues":"BENCH000001","payload":)" +
                                    payload + R"(,"seq":)" + std::to_string(done + 1) +
                                    R"(,"type":"ballot.cast"})";
                std::string hash = store::sha256_hex(head + event);
                audit.bind(1, static_cast<int64_t>(done + 1));
                audit.bind(2, now);
                audit.bind(3, "ballot.cast");
                audit.bind(4, "BENCH000001");
                audit.bind(5, payload);
                audit.bind(6, head);
                audit.bind(7, hash);
                audit.exec();
                audit.reset();
                head = std::move(hash);
            }
            db->exec("COMMIT");
        }
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        out = {{"ballots", ballots},
               {"batch", batch},
               {"seconds", seconds},
               {"rows_per_s", static_cast<double>(ballots) / seconds},
               {"pragmas", "journal_mode=WAL synchronous=FULL foreign_keys=ON "
                           "temp_store=MEMORY"},
               {"rows_per_ballot", "ballot + replaced mark + audit event"}};
        std::cout << out.dump() << std::endl;
    } // statements are finalized before the connection closes
    db.reset();
    std::filesystem::remove_all(dir);
}
