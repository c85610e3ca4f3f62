// `asamblea export`: national open data. Only what the public pages and the API already show: each
// clinic, its assemblies, every closed round (its results once revealed) and the revealed
// committee. Never attendees, identifiers, credentials, receipts linked to people or unrevealed
// results.
#include "cli/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/export_open_data.hpp"
#include "domain/clinic.hpp"
#include "server/views/csv_text.hpp"
#include "server/views/json_mapping.hpp"
#include "server/views/round_json.hpp"
#include "store/assembly_repo.hpp"
#include "store/attendee_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/clock.hpp"
#include "store/database.hpp"
#include "store/export_repo.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"

#include <SQLiteCpp/Transaction.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace asamblea::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json nullable(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

// A closed round as the public round list shows it: results only once revealed.
json round_json(const store::round_row& r) {
    json j = server::to_json(r.spec);
    j["id"] = r.id;
    j["status"] = domain::to_string(r.status);
    j["opened_at"] = nullable(r.opened_at);
    j["closed_at"] = nullable(r.closed_at);
    j["revealed"] = !r.revealed_at.empty();
    j["ballots"] = r.result ? r.result->ballots : 0;
    j["results"] = !r.revealed_at.empty() && r.result ? server::to_json(*r.result) : json(nullptr);
    return j;
}

// A committee member as GET /api/c/{clues}/committee shows it to the public.
json member_json(const store::member_row& m) {
    return {{"role", m.role},     {"seat", m.seat},
            {"nombre", m.nombre}, {"sexo", m.sexo},
            {"source", m.source}, {"round_id", m.round_id},
            {"term", m.term},     {"elected_at", m.elected_at}};
}

json assembly_json(SQLite::Database& db, const store::assembly_row& a) {
    json rounds = json::array();
    for (const auto& r : store::list_rounds(db, a.id))
        if (r.status == domain::round_status::cerrada)
            rounds.push_back(round_json(r));
    json committee = json::array();
    for (const auto& m : store::list_committee(db, a.clues, a.edition))
        if (m.revealed)
            committee.push_back(member_json(m));
    return {{"edition", a.edition},
            {"state", domain::to_string(a.state)},
            {"scheduled_at", nullable(a.scheduled_at)},
            {"quorum_min", a.quorum_min},
            {"attendance", store::count_attendance(db, a.id)},
            {"rounds", rounds},
            {"committee", committee}};
}

json clinic_json(SQLite::Database& db, const domain::clinic& c) {
    json j = server::to_json(c);
    json assemblies = json::array();
    for (int edition : store::list_editions(db, c.clues))
        if (auto a = store::find_assembly(db, c.clues, edition))
            assemblies.push_back(assembly_json(db, *a));
    j["assemblies"] = assemblies;
    return j;
}

constexpr const char* csv_header = "clues,clinica,edicion,ronda_id,ronda,tipo,opcion_id,opcion,"
                                   "votos,seleccionada";

// One row per result line of every revealed round: what the acta prints, flat.
void write_csv(std::ostream& out, const json& doc) {
    out << csv_header << "\n";
    for (const auto& c : doc["clinics"])
        for (const auto& a : c["assemblies"])
            for (const auto& r : a["rounds"]) {
                if (!r["results"].is_object())
                    continue;
                for (const auto& l : r["results"].value("lines", json::array()))
                    out << server::csv_field(c["clues"].get<std::string>()) << ","
                        << server::csv_field(c["nombre"].get<std::string>()) << ","
                        << a["edition"].get<int>() << "," << r["id"].get<std::int64_t>() << ","
                        << server::csv_field(r["title"].get<std::string>()) << ","
                        << server::csv_field(r["kind"].get<std::string>()) << ","
                        << server::csv_field(l.value("id", std::string())) << ","
                        << server::csv_field(l.value("label", std::string())) << ","
                        << l.value("votes", std::int64_t{0}) << ","
                        << (l.value("selected", false) ? "true" : "false") << "\n";
            }
}

struct export_options {
    std::string data_dir = "./data";
    std::string clues;
    std::string format = "json";
    std::string out;
    std::string dir;
    std::string public_url;
};

int run_export(const export_options& o) {
    auto path = store::database_path(o.data_dir);
    if (!fs::exists(path)) {
        std::cerr << "asamblea: no hay base de datos en " << path << "\n";
        return 1;
    }
    auto db = store::open_database(path, store::access::read_only);
    // One read transaction: the whole export is one snapshot even while the server writes.
    SQLite::Transaction snapshot(*db);
    std::vector<std::string> codes;
    if (o.clues.empty()) {
        codes = store::list_clinic_codes(*db);
    } else {
        auto clues = domain::normalize_clues(o.clues);
        if (!clues || !store::find_clinic(*db, *clues)) {
            std::cerr << "asamblea: no existe la unidad con CLUES «" << o.clues << "»\n";
            return 1;
        }
        codes.push_back(*clues);
    }
    json clinics = json::array();
    for (const auto& code : codes)
        if (auto c = store::find_clinic(*db, code))
            clinics.push_back(clinic_json(*db, *c));
    json doc = {{"generated_at", store::utc_now()}, {"clinics", clinics}};

    if (!o.dir.empty()) {
        // Everything at once: the national export in both formats and the open data beside it.
        fs::path dir(o.dir);
        fs::create_directories(dir);
        std::ostringstream csv;
        write_csv(csv, doc);
        write_atomically(dir / "export.json", doc.dump(2) + "\n");
        write_atomically(dir / "results.csv", csv.str());
        std::string origin = o.public_url;
        while (!origin.empty() && origin.back() == '/')
            origin.pop_back();
        write_open_data(*db, codes, dir, origin, doc["generated_at"].get<std::string>());
        return 0;
    }
    std::ostringstream text;
    if (o.format == "csv")
        write_csv(text, doc);
    else
        text << doc.dump(2) << "\n";
    if (o.out.empty())
        std::cout << text.str() << std::flush;
    else
        write_atomically(o.out, text.str());
    return 0;
}

} // namespace

void add_export_command(CLI::App& app) {
    auto o = std::make_shared<export_options>();
    auto* sub = app.add_subcommand(
        "export", "National open data: clinics, assemblies, revealed results and committees");
    add_data_option(*sub, o->data_dir);
    sub->add_option("--clues", o->clues, "Only this clinic");
    sub->add_option("--format", o->format, "json (one document) or csv (one row per result line)")
        ->check(CLI::IsMember({"json", "csv"}))
        ->capture_default_str();
    auto* out =
        sub->add_option("--out", o->out, "Write to this file (replaced whole) instead of stdout");
    sub->add_option("--dir", o->dir,
                    "Write every file into this folder: export.json, results.csv, followup.json, "
                    "works.csv, quotes.csv, expenses.csv, evidence.csv, ocds.json, rounds/*.pb")
        ->excludes(out);
    sub->add_option("--public-url", o->public_url,
                    "The server's public origin: the OCDS package's uri and its documents' links")
        ->envname("ASAMBLEA_PUBLIC_URL");
    sub->callback([o] {
        int code = run_export(*o);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
