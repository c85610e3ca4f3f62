// `asamblea clinic-import`: the second half of moving a clinic. Checks a bundle written by
// `clinic-export` (its manifest's counts and digests, its files, its chain's links), copies its
// evidence files in, then in one transaction inserts its rows with new ids, its chain events as
// they are, and the move-in event that continues the chain with every old → new id.
#include "cli/bundle_files.hpp"
#include "cli/commands.hpp"
#include "store/audit_chain.hpp"
#include "store/clinic_bundle.hpp"
#include "store/clock.hpp"
#include "store/database.hpp"
#include "store/evidence_files.hpp"
#include "store/migrations.hpp"
#include "store/moved_ids.hpp"
#include "store/private_path.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <stdexcept>

namespace asamblea::cli {
namespace {

namespace fs = std::filesystem;

struct import_options {
    std::string data_dir = "./data";
    std::string from;
};

// A refusal, in Spanish, before anything is written.
struct import_refused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

nlohmann::json read_manifest(const fs::path& dir) {
    std::ifstream in(dir / bundle_manifest);
    if (!in)
        throw import_refused("el paquete " + dir.string() + " no tiene " + bundle_manifest +
                             " (la exportación no terminó, o no es un paquete de clinic-export)");
    auto manifest = nlohmann::json::parse(in, nullptr, false);
    if (!manifest.is_object() || manifest.value("format", "") != bundle_format)
        throw import_refused(std::string(bundle_manifest) + " no es un manifiesto de " +
                             bundle_format);
    return manifest;
}

// The tables, the rows file, the files and the chain against the manifest; the chain with the
// move-out event at its end.
std::vector<store::chain_event> check_bundle(SQLite::Database& db, const fs::path& dir,
                                             const nlohmann::json& manifest) {
    const auto& tables = manifest.at("tables");
    std::vector<std::string> names;
    for (const auto& t : store::bundle_tables())
        names.push_back(t.name);
    names.emplace_back(store::bundle_chain_table);
    for (const auto& name : names) {
        if (!tables.contains(name))
            throw import_refused("el manifiesto no menciona la tabla «" + name + "»");
        store::table_digest d;
        try {
            d = store::digest_table(db, "bundle", name);
        } catch (const std::exception&) {
            throw import_refused("falta la tabla «" + name + "» en " + bundle_rows);
        }
        if (d.rows != tables[name].at("rows").get<std::int64_t>() ||
            d.sha256 != tables[name].at("sha256").get<std::string>())
            throw import_refused("la tabla «" + name + "» del paquete no coincide con su " +
                                 "manifiesto (" + std::to_string(d.rows) + " filas; se cambió, " +
                                 "quitó o añadió alguna)");
    }
    if (sha256_of_file(dir / bundle_rows) !=
        manifest.at("rows_file").at("sha256").get<std::string>())
        throw import_refused(std::string(bundle_rows) + " no coincide con su manifiesto");
    std::set<std::string> listed;
    for (const auto& f : manifest.at("files")) {
        const auto sha = f.at("sha256").get<std::string>();
        if (!store::is_sha256_hex(sha))
            throw import_refused("el manifiesto nombra un archivo inválido «" + sha + "»");
        auto path = dir / "evidence" / sha;
        if (!fs::is_regular_file(path) || sha256_of_file(path) != sha)
            throw import_refused("el archivo evidence/" + sha + " del paquete falta o está dañado");
        if (f.contains("public_sha256")) {
            auto copy = dir / "public" / sha;
            if (!fs::is_regular_file(copy) ||
                sha256_of_file(copy) != f.at("public_sha256").get<std::string>())
                throw import_refused("el archivo public/" + sha +
                                     " del paquete falta o está dañado");
        }
        listed.insert(sha);
    }
    for (const auto& sha : store::bundle_files(db))
        if (!listed.contains(sha))
            throw import_refused("las filas nombran el archivo " + sha +
                                 ", que el manifiesto no trae");
    const std::string digest = bundle_digest(manifest);
    if (digest != manifest.at("digest").get<std::string>())
        throw import_refused("la huella del manifiesto no corresponde a su contenido");
    auto events = store::bundle_chain(db);
    auto moved_out = store::chain_event_from_json(manifest.at("moved_out"));
    if (moved_out.type != store::moved_out_event ||
        moved_out.payload.value("bundle_digest", "") != digest ||
        moved_out.payload.value("to_shard", "") != manifest.at("to_shard").get<std::string>())
        throw import_refused("el evento de salida del manifiesto no nombra este paquete");
    events.push_back(std::move(moved_out));
    auto check = store::check_chain(manifest.at("clues").get<std::string>(), events);
    if (!check.ok)
        throw import_refused("la bitácora del paquete no enlaza: " + check.problem);
    return events;
}

// What the target must not have: the clinic, its chain, an earlier import.
void check_target(SQLite::Database& db, const std::string& clues) {
    SQLite::Statement moved(db, "SELECT 1 FROM clinic_moves WHERE clues = ? AND direction = 'in'");
    moved.bind(1, clues);
    if (moved.executeStep())
        throw import_refused("la unidad «" + clues + "» ya se importó en esta base de datos");
    SQLite::Statement clinic(db, "SELECT 1 FROM clinics WHERE clues = ?");
    clinic.bind(1, clues);
    if (clinic.executeStep())
        throw import_refused("la unidad «" + clues +
                             "» ya existe en esta base de datos; una unidad se importa en un " +
                             "shard que no la tiene");
    SQLite::Statement chain(db, "SELECT 1 FROM audit_events WHERE clues = ? LIMIT 1");
    chain.bind(1, clues);
    if (chain.executeStep())
        throw import_refused("esta base de datos ya tiene eventos de la bitácora de «" + clues +
                             "»");
}

// The files first, so no row ever names a file that is not there (content-addressed: a file
// already present is the same file).
void place_files(const std::string& data_dir, const fs::path& dir, const nlohmann::json& files) {
    const auto root = store::evidence_root(data_dir);
    for (const auto& f : files) {
        const auto sha = f.at("sha256").get<std::string>();
        auto folder = root / sha.substr(0, 2);
        store::make_private_folder(root);
        fs::create_directories(folder);
        if (!fs::exists(folder / sha))
            copy_durably(dir / "evidence" / sha, folder / sha);
        if (f.contains("public_sha256")) {
            auto public_folder = root / "public" / sha.substr(0, 2);
            fs::create_directories(public_folder);
            if (!fs::exists(public_folder / sha))
                copy_durably(dir / "public" / sha, public_folder / sha);
        }
        sync_to_disk(folder);
    }
}

int clinic_import(const import_options& o) {
    const fs::path dir = fs::absolute(o.from).lexically_normal();
    const auto db_path = store::database_path(o.data_dir);
    if (!fs::exists(db_path)) {
        std::cerr << "asamblea: no hay base de datos en " << db_path
                  << " (cree el shard antes, con import-clinics o serve)\n";
        return 1;
    }
    try {
        auto manifest = read_manifest(dir);
        const auto clues = manifest.at("clues").get<std::string>();
        if (manifest.at("schema_version").get<int>() > store::latest_schema_version())
            throw import_refused("el paquete viene de una versión más nueva de asamblea");
        if (!fs::is_regular_file(dir / bundle_rows))
            throw import_refused("falta " + std::string(bundle_rows) + " en el paquete");
        auto db = store::open_database(db_path, store::access::read_write);
        store::migrate(*db);
        SQLite::Statement attach(*db, "ATTACH DATABASE ? AS bundle");
        attach.bind(1, (dir / bundle_rows).string()); // only read
        attach.exec();
        auto events = check_bundle(*db, dir, manifest);
        check_target(*db, clues);
        if (auto users = store::check_bundle_users(*db); !users)
            throw import_refused(users.error().message);
        place_files(o.data_dir, dir, manifest.at("files"));

        SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
        check_target(*db, clues); // again, now that no one else writes
        auto copied = store::copy_clinic_in(*db, clues);
        if (!copied)
            throw import_refused(copied.error().message);
        // The move-out event closes the source's chain; here it is the link the move-in follows.
        const auto& out = events.back();
        SQLite::Statement link(*db, "INSERT INTO audit_events (at, type, clues, payload, "
                                    "chain_seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
        link.bind(1, out.at);
        link.bind(2, out.type);
        link.bind(3, clues);
        link.bind(4, out.payload.dump());
        link.bind(5, out.seq);
        link.bind(6, out.prev_hash);
        link.bind(7, out.hash);
        link.exec();
        store::audit_chain chain(*db);
        auto at = store::utc_now();
        const auto digest = manifest.at("digest").get<std::string>();
        chain.append(at, store::moved_in_event, clues,
                     {{"bundle_digest", digest},
                      {"shard", manifest.at("to_shard").get<std::string>()},
                      {"rows", copied->rows},
                      {"ids", store::id_maps_to_json(copied->ids)}});
        chain.append(at, store::moved_in_event, "",
                     {{"clues", clues},
                      {"shard", manifest.at("to_shard").get<std::string>()},
                      {"bundle_digest", digest}});
        SQLite::Statement record(*db, "INSERT INTO clinic_moves (clues, direction, shard, state, "
                                      "bundle_digest, manifest, started_at, done_at) VALUES (?, "
                                      "'in', ?, 'done', ?, ?, ?, ?)");
        record.bind(1, clues);
        record.bind(2, manifest.at("to_shard").get<std::string>());
        record.bind(3, digest);
        record.bind(4, manifest.dump(2));
        record.bind(5, at);
        record.bind(6, at);
        record.exec();
        tx.commit();
        db->exec("DETACH DATABASE bundle");
        std::cout << "Unidad " << clues << " importada: " << copied->rows << " filas con ids "
                  << "nuevos, " << manifest.at("files").size() << " archivos, " << events.size() + 1
                  << " eventos de su bitácora (con la entrada).\n";
        for (const auto& u : copied->users_reused)
            std::cout << "El usuario «" << u << "» ya estaba aquí con la misma cuenta; se usa.\n";
        std::cout << "Falta: dar la unidad a este shard en el mapa de shards, regenerar HAProxy "
                     "y reiniciar los shards (README, «Running on several machines»).\n";
        return 0;
    } catch (const import_refused& e) {
        std::cerr << "asamblea: no se importó nada: " << e.what() << "\n";
        return 1;
    } catch (const nlohmann::json::exception& e) {
        std::cerr << "asamblea: no se importó nada: el manifiesto está incompleto (" << e.what()
                  << ")\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "asamblea: no se importó nada: " << e.what() << "\n";
        return 1;
    }
}

} // namespace

void add_clinic_import_command(CLI::App& app) {
    auto o = std::make_shared<import_options>();
    auto* sub = app.add_subcommand(
        "clinic-import", "Move a clinic in: check a bundle from clinic-export and add its rows "
                         "(with new ids), files and audit chain to this shard's database");
    add_data_option(*sub, o->data_dir);
    sub->add_option("--from", o->from, "The bundle folder written by clinic-export")->required();
    sub->callback([o] {
        int code = clinic_import(*o);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
