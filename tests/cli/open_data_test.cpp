// Open data (issue 15) over the seeded demo: the public /api/open/… answers carry nothing private,
// the OCDS package is valid against the 1.1.5 release-package schema, every revealed budget
// round's .pb tallies back (through the real `asamblea tally`) to the stored result, and
// `asamblea export --dir` writes the same files.
#include "../store/test_dir.hpp"
#include "http_client.hpp"
#include "run_command.hpp"
#include "server/web_server.hpp"
#include "store/database.hpp"
#include "store/round_repo.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace open_data_test {

namespace {

constexpr const char* main_clinic = "CSIMB001234";
const fs::path ocds_dir = fs::path(ASAMBLEA_SHARED_DIR) / "ocds";

std::string file_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The package schema, its reference to the release schema resolved to the local copy.
class ocds_validator {
public:
    ocds_validator() {
        auto package = nlohmann::json::parse(file_text(ocds_dir / "release-package-schema.json"));
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(package);
        auto fetch = [](const std::string& uri) -> const nlohmann::json* {
            // No network in tests: every document the schema names is one of the local files.
            auto name = uri.substr(uri.rfind('/') + 1);
            REQUIRE_MESSAGE(name == "release-schema.json", uri);
            return new nlohmann::json(nlohmann::json::parse(file_text(ocds_dir / name)));
        };
        auto free = [](const nlohmann::json* doc) { delete doc; };
        parser.populateSchema(adapter, schema_, fetch, free);
    }

    /// Empty when valid, else every error with where it is.
    std::string errors(const nlohmann::json& doc) const {
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter target(doc);
        if (validator.validate(schema_, target, &results))
            return {};
        std::string out;
        valijson::ValidationResults::Error e;
        while (results.popError(e)) {
            for (const auto& c : e.context)
                out += c;
            out += ": " + e.description + "\n";
        }
        return out;
    }

private:
    valijson::Schema schema_;
};

/// What must never reach a public answer: attendees' names and identifiers, users, receipts and
/// voter tags, the evidence's notes and the work notes, and a position put on a photo.
std::set<std::string> private_strings(SQLite::Database& db) {
    std::set<std::string> out;
    for (const char* sql :
         {"SELECT nombre FROM attendees", "SELECT identifier_hash FROM attendees",
          "SELECT username FROM users", "SELECT receipt FROM ballots",
          "SELECT voter_tag FROM ballots", "SELECT note FROM evidence WHERE note <> ''",
          "SELECT text FROM work_notes", "SELECT code_hash FROM credentials"}) {
        SQLite::Statement q(db, sql);
        while (q.executeStep())
            out.insert(q.getColumn(0).getString());
    }
    out.insert("16.7512345");
    out.insert("-92.6398765");
    return out;
}

void check_nothing_private(const std::string& what, const std::string& body,
                           const std::set<std::string>& secrets) {
    CAPTURE(what);
    for (const auto& s : secrets)
        CHECK_MESSAGE(body.find(s) == std::string::npos, "leaks «" << s << "»");
    for (const char* key : {"latitude", "longitude", "uploaded_by", "recorded_by", "created_by",
                            "user_id", "member_id", "note"})
        CHECK_MESSAGE(body.find(key) == std::string::npos, "has «" << key << "»");
}

struct revealed_round {
    std::int64_t id = 0;
    std::string rule;
    std::set<std::string> selected;
};

std::vector<revealed_round> revealed_budget_rounds(SQLite::Database& db) {
    std::vector<revealed_round> out;
    SQLite::Statement q(db, "SELECT r.id FROM rounds r JOIN assemblies a ON a.id = r.assembly_id "
                            "WHERE a.clues = ? AND r.kind = 'budget' AND r.status = 'cerrada' "
                            "AND r.revealed_at IS NOT NULL");
    q.bind(1, main_clinic);
    while (q.executeStep()) {
        auto row = asamblea::store::find_round(db, q.getColumn(0).getInt64());
        REQUIRE(row);
        REQUIRE(row->result);
        revealed_round r{row->id, row->spec.rule, {}};
        for (const auto& line : row->result->tally.lines)
            if (line.selected)
                r.selected.insert(line.id);
        out.push_back(std::move(r));
    }
    return out;
}

std::set<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::set<std::string> out;
    for (std::string w; in >> w;)
        out.insert(w);
    return out;
}

/// `asamblea tally` of a file with a rule: the selected ids.
std::set<std::string> tally_file(const fs::path& file, const std::string& rule) {
    auto r = run_command("tally '" + file.string() + "' --rule " + rule);
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    return words(r.output);
}

} // namespace

TEST_CASE("open data: public answers, OCDS validity and the .pb round trip") {
    test_dir dir;
    auto seeded = run_command("seed-demo --data '" + dir.str() + "'");
    REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.output);
    auto db_path = asamblea::store::database_path(dir.str());
    std::set<std::string> secrets;
    std::vector<revealed_round> rounds;
    {
        SQLite::Database db(db_path, SQLite::OPEN_READWRITE);
        // Where a photo was taken, as the phone may send it: it must stay private.
        db.exec("UPDATE evidence SET latitude = 16.7512345, longitude = -92.6398765 "
                "WHERE id = (SELECT min(id) FROM evidence)");
        secrets = private_strings(db);
        rounds = revealed_budget_rounds(db);
    }
    REQUIRE(secrets.size() > 10);
    REQUIRE_FALSE(rounds.empty());

    asamblea::server::server_config config;
    config.data_dir = dir.str();
    config.port = 0;
    config.address = "127.0.0.1";
    config.threads = 2;
    auto srv = std::make_unique<asamblea::server::web_server>(config);
    auto port = srv->start();
    http_client c(port);
    ocds_validator ocds;

    std::map<std::string, std::string> answers;
    for (const char* path :
         {"/api/open/followup.json", "/api/open/works.csv", "/api/open/quotes.csv",
          "/api/open/expenses.csv", "/api/open/evidence.csv", "/api/open/ocds.json",
          "/api/open/followup.json?clues=csimb001234", "/api/open/ocds.json?clues=CSIMB001234"}) {
        auto r = c.request("GET", path); // no login
        CAPTURE(path);
        REQUIRE_MESSAGE(r.status == 200, r.body);
        answers[path] = r.body;
    }
    for (const auto& r : rounds) {
        auto path =
            std::string("/api/open/c/") + main_clinic + "/rounds/" + std::to_string(r.id) + ".pb";
        auto reply = c.request("GET", path);
        REQUIRE_MESSAGE(reply.status == 200, reply.body);
        answers[path] = reply.body;
    }
    for (const auto& [path, body] : answers)
        check_nothing_private(path, body, secrets);

    // The follow-up: the demo's works in every state, with quotes, expenses and files.
    {
        auto doc = nlohmann::json::parse(answers["/api/open/followup.json"]);
        REQUIRE(doc["clinics"].is_array());
        const nlohmann::json* main = nullptr;
        for (const auto& cl : doc["clinics"])
            if (cl["clues"] == main_clinic)
                main = &cl;
        REQUIRE(main);
        std::set<std::string> states;
        int quotes = 0, expenses = 0, evidence = 0;
        for (const auto& w : (*main)["works"]) {
            states.insert(w["state"].get<std::string>());
            quotes += static_cast<int>(w["quotes"].size());
            expenses += static_cast<int>(w["expenses"].size());
            evidence += static_cast<int>(w["evidence"].size());
            for (const auto& e : w["evidence"]) {
                CHECK(e["sha256"].get<std::string>().size() == 64);
                CHECK(e.size() == 5); // id, kind, sha256, mime, taken_on: nothing else
            }
        }
        CHECK(states.size() >= 7);
        CHECK(quotes > 5);
        CHECK(expenses >= 4);
        CHECK(evidence > 7);
        auto one = nlohmann::json::parse(answers["/api/open/followup.json?clues=csimb001234"]);
        REQUIRE(one["clinics"].size() == 1);
        CHECK(one["clinics"][0]["works"] == (*main)["works"]);
        CHECK(answers["/api/open/works.csv"].starts_with("clues,clinica,edicion,obra_id,"));
        CHECK(answers["/api/open/quotes.csv"].find(main_clinic) != std::string::npos);
    }

    // OCDS: a valid release package, one process per clinic and work.
    {
        for (const char* path : {"/api/open/ocds.json", "/api/open/ocds.json?clues=CSIMB001234"}) {
            CAPTURE(path);
            auto doc = nlohmann::json::parse(answers[path]);
            auto errors = ocds.errors(doc);
            CHECK_MESSAGE(errors.empty(), errors);
            std::set<std::string> ocids;
            for (const auto& r : doc["releases"])
                ocids.insert(r["ocid"].get<std::string>());
            CHECK(ocids.size() == doc["releases"].size());
            CHECK(ocids.begin()->starts_with("ocds-asamblea-"));
        }
        auto doc = nlohmann::json::parse(answers["/api/open/ocds.json?clues=CSIMB001234"]);
        bool transactions = false, delivered = false, awarded = false;
        for (const auto& r : doc["releases"]) {
            CHECK(r["ocid"].get<std::string>().starts_with("ocds-asamblea-CSIMB001234-2025-"));
            awarded = awarded || r.contains("awards");
            for (const auto& k : r.value("contracts", nlohmann::json::array())) {
                const auto& impl = k["implementation"];
                transactions = transactions || impl.contains("transactions");
                for (const auto& m : impl["milestones"])
                    delivered = delivered || (m["type"] == "delivery" && m["status"] == "met");
            }
        }
        CHECK(awarded);
        CHECK(transactions);
        CHECK(delivered);
        // Documents and photos link to their public downloads.
        std::string acta_url, photo_url;
        for (const auto& r : doc["releases"])
            for (const auto& k : r.value("contracts", nlohmann::json::array())) {
                for (const auto& m : k["implementation"]["milestones"])
                    for (const auto& d : m.value("documents", nlohmann::json::array()))
                        acta_url = d["url"];
                for (const auto& d :
                     k["implementation"].value("documents", nlohmann::json::array()))
                    if (d["documentType"] == "physicalProgressReport")
                        photo_url = d["url"];
            }
        const std::string files = std::string("/api/public/c/") + main_clinic + "/files/";
        auto at = acta_url.find(files);
        REQUIRE_MESSAGE(at != std::string::npos, acta_url);
        CHECK(acta_url.starts_with("http://"));
        CHECK(c.request("GET", acta_url.substr(at)).status == 200);
        at = photo_url.find(std::string("/api/public/c/") + main_clinic + "/photos/");
        REQUIRE_MESSAGE(at != std::string::npos, photo_url);
        CHECK(c.request("GET", photo_url.substr(at)).status == 200);
        // The validator does catch a broken package.
        doc["releases"][0].erase("ocid");
        CHECK_FALSE(ocds.errors(doc).empty());
    }

    // Each revealed budget round's .pb tallies back to the stored result.
    {
        for (const auto& r : rounds) {
            CAPTURE(r.id);
            auto path = std::string("/api/open/c/") + main_clinic + "/rounds/" +
                        std::to_string(r.id) + ".pb";
            const auto& text = answers[path];
            CHECK(text.starts_with("META\nkey;value\n"));
            CHECK(text.find("country;Mexico\n") != std::string::npos);
            CHECK(text.find(std::string("unit;") + main_clinic + "\n") != std::string::npos);
            auto file = fs::path(dir.str()) / ("round-" + std::to_string(r.id) + ".pb");
            std::ofstream(file, std::ios::binary) << text;
            CHECK(tally_file(file, r.rule) == r.selected);
        }
    }

    // Refusals: a bad or unknown CLUES, an unknown round, another clinic's, not GET.
    {
        CHECK(c.request("GET", "/api/open/ocds.json?clues=CSIMB00").status == 400);
        CHECK(c.request("GET", "/api/open/followup.json?clues=XXXXX999999").status == 404);
        CHECK(c.request("GET", std::string("/api/open/c/") + main_clinic + "/rounds/999999.pb")
                  .status == 404);
        CHECK(
            c.request("GET", std::string("/api/open/c/") + main_clinic + "/rounds/abc.pb").status ==
            404);
        auto other = "/api/open/c/XXXXX000001/rounds/" + std::to_string(rounds[0].id) + ".pb";
        CHECK(c.request("GET", other).status == 404);
        CHECK(c.request("POST", "/api/open/followup.json", "{}").status == 405);
    }

    srv->stop();
    srv->wait();

    // `asamblea export --dir` writes the same open data.
    {
        auto out = fs::path(dir.str()) / "abiertos";
        auto r = run_command("export --data '" + dir.str() + "' --dir '" + out.string() + "'");
        REQUIRE_MESSAGE(r.exit_code == 0, r.output);
        for (const char* name : {"export.json", "results.csv", "followup.json", "works.csv",
                                 "quotes.csv", "expenses.csv", "evidence.csv", "ocds.json"})
            CHECK_MESSAGE(fs::is_regular_file(out / name), name);
        auto package = nlohmann::json::parse(file_text(out / "ocds.json"));
        auto errors = ocds.errors(package);
        CHECK_MESSAGE(errors.empty(), errors);
        CHECK(file_text(out / "works.csv") == answers["/api/open/works.csv"]);
        for (const auto& round : rounds) {
            auto pb = out / "rounds" /
                      (std::string(main_clinic) + "-" + std::to_string(round.id) + ".pb");
            REQUIRE(fs::is_regular_file(pb));
            CHECK(file_text(pb) == answers[std::string("/api/open/c/") + main_clinic + "/rounds/" +
                                           std::to_string(round.id) + ".pb"]);
            CHECK(tally_file(pb, round.rule) == round.selected);
        }
        // export.json and results.csv name candidates and committee members by design.
        for (const auto& entry : fs::recursive_directory_iterator(out))
            if (entry.is_regular_file() && entry.path().filename() != "export.json" &&
                entry.path().filename() != "results.csv")
                check_nothing_private(entry.path().filename().string(), file_text(entry.path()),
                                      secrets);
    }
}

} // namespace open_data_test
