// `asamblea clinic-export`: the first half of moving a clinic to another shard. Freezes the
// clinic (from then on this shard answers it with 421 naming the target), writes its rows, its
// evidence files and its chain into a bundle folder, records the move in both its own chain and
// the chain of no clinic, and writes the manifest last. The rows stay here as a frozen archive.
#include "cli/bundle_files.hpp"
#include "cli/commands.hpp"
#include "domain/clinic.hpp"
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
#include <iostream>
#include <stdexcept>

namespace asamblea::cli {
namespace {

namespace fs = std::filesystem;

struct export_options {
    std::string data_dir = "./data";
    std::string clues;
    std::string to;
    std::string out;
};

// A refusal: the Spanish message goes to stderr and nothing has been written.
struct export_refused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Step 1, in one write transaction: the checks, then the row that freezes the clinic. Returns
// whether an earlier export to the same shard had frozen it already (this one resumes it).
bool freeze_clinic(SQLite::Database& db, const std::string& clues, const std::string& to) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement clinic(db, "SELECT 1 FROM clinics WHERE clues = ?");
    clinic.bind(1, clues);
    if (!clinic.executeStep())
        throw export_refused("No existe la unidad «" + clues + "» en esta base de datos.");
    SQLite::Statement moved(db, "SELECT shard, state, coalesce(done_at, started_at) FROM "
                                "clinic_moves WHERE clues = ? AND direction = 'out'");
    moved.bind(1, clues);
    bool resumed = false;
    if (moved.executeStep()) {
        auto shard = moved.getColumn(0).getString();
        if (moved.getColumn(1).getString() == "done")
            throw export_refused("La unidad «" + clues + "» ya se movió al shard «" + shard +
                                 "» (" + moved.getColumn(2).getString() +
                                 "); su manifiesto está en la tabla clinic_moves.");
        if (shard != to)
            throw export_refused("La unidad «" + clues + "» ya se está moviendo al shard «" +
                                 shard + "»; termine esa exportación con --to " + shard + ".");
        resumed = true;
    }
    SQLite::Statement open(db, "SELECT edition, state FROM assemblies WHERE clues = ? AND state "
                               "IN ('registro', 'en_sesion', 'suspendida') ORDER BY edition");
    open.bind(1, clues);
    if (open.executeStep())
        throw export_refused("La asamblea " + open.getColumn(0).getString() + " de «" + clues +
                             "» está «" + open.getColumn(1).getString() +
                             "»; una unidad se mueve solo sin asambleas en curso (ciérrela o "
                             "espere a que cierre).");
    if (!resumed) {
        SQLite::Statement add(db, "INSERT INTO clinic_moves (clues, direction, shard, state, "
                                  "started_at) VALUES (?, 'out', ?, 'exporting', ?)");
        add.bind(1, clues);
        add.bind(2, to);
        add.bind(3, store::utc_now());
        add.exec();
    }
    tx.commit();
    return resumed;
}

// Undoes step 1 when the bundle could not be made: the clinic is served here again.
void thaw_clinic(SQLite::Database& db, const std::string& clues) {
    SQLite::Statement q(db, "DELETE FROM clinic_moves WHERE clues = ? AND direction = 'out' AND "
                            "state = 'exporting'");
    q.bind(1, clues);
    q.exec();
}

// Step 2: the rows and the chain into rows.sqlite, in one read snapshot; its digests.
nlohmann::json write_rows(SQLite::Database& db, const std::string& clues, const fs::path& file,
                          std::vector<std::string>& files, store::chain_head& head) {
    SQLite::Statement attach(db, "ATTACH DATABASE ? AS bundle");
    attach.bind(1, file.string());
    attach.exec();
    nlohmann::json tables = nlohmann::json::object();
    try {
        {
            SQLite::Transaction tx(db);
            store::copy_clinic_out(db, clues);
            tx.commit();
        }
        for (const auto& t : store::bundle_tables()) {
            auto d = store::digest_table(db, "bundle", t.name);
            tables[t.name] = {{"rows", d.rows}, {"sha256", d.sha256}};
        }
        auto d = store::digest_table(db, "bundle", store::bundle_chain_table);
        tables[store::bundle_chain_table] = {{"rows", d.rows}, {"sha256", d.sha256}};
        files = store::bundle_files(db);
        auto events = store::bundle_chain(db);
        if (!events.empty())
            head = {events.back().seq, events.back().hash};
    } catch (...) {
        db.exec("DETACH DATABASE bundle");
        throw;
    }
    db.exec("DETACH DATABASE bundle");
    sync_to_disk(file);
    return tables;
}

// Step 2, the files: each evidence file (and a photo's public copy) beside the rows.
nlohmann::json copy_files(const std::string& data_dir, const std::vector<std::string>& files,
                          const fs::path& out) {
    const auto root = store::evidence_root(data_dir);
    fs::create_directories(out / "evidence");
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& sha : files) {
        if (!store::is_sha256_hex(sha))
            throw std::runtime_error("una fila nombra un archivo inválido «" + sha + "»");
        auto from = root / sha.substr(0, 2) / sha;
        if (!fs::is_regular_file(from))
            throw std::runtime_error("falta el archivo de evidencia " + from.string());
        copy_durably(from, out / "evidence" / sha);
        nlohmann::json entry = {{"sha256", sha}, {"bytes", fs::file_size(from)}};
        auto public_copy = root / "public" / sha.substr(0, 2) / sha;
        if (fs::is_regular_file(public_copy)) {
            fs::create_directories(out / "public");
            copy_durably(public_copy, out / "public" / sha);
            entry["public_sha256"] = sha256_of_file(public_copy);
        }
        listed.push_back(std::move(entry));
    }
    sync_to_disk(out / "evidence");
    if (fs::exists(out / "public"))
        sync_to_disk(out / "public");
    return listed;
}

// Step 3, in one write transaction: the move-out events and the record; the manifest to write.
nlohmann::json record_move(SQLite::Database& db, nlohmann::json manifest) {
    const auto clues = manifest["clues"].get<std::string>();
    const auto to = manifest["to_shard"].get<std::string>();
    const auto digest = manifest["digest"].get<std::string>();
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // The clinic was frozen before its rows were read, so its chain cannot have moved since.
    auto head = store::read_chain_head(db, clues);
    if (head.hash != manifest["chain"]["head"]["hash"].get<std::string>())
        throw std::runtime_error("la bitácora de " + clues + " cambió durante la exportación");
    store::audit_chain chain(db);
    auto at = store::utc_now();
    std::int64_t rows = 0;
    for (const auto& [name, t] : manifest["tables"].items())
        if (name != store::bundle_chain_table)
            rows += t["rows"].get<std::int64_t>();
    chain.append(at, store::moved_out_event, clues,
                 {{"to_shard", to},
                  {"bundle_digest", digest},
                  {"rows", rows},
                  {"files", manifest["files"].size()}});
    chain.append(at, store::moved_out_event, "",
                 {{"clues", clues}, {"to_shard", to}, {"bundle_digest", digest}});
    auto events = store::read_chain(db, clues);
    manifest["moved_out"] = store::chain_event_to_json(events.back());
    SQLite::Statement done(db, "UPDATE clinic_moves SET state = 'done', bundle_digest = ?, "
                               "manifest = ?, done_at = ? WHERE clues = ? AND direction = 'out'");
    done.bind(1, digest);
    done.bind(2, manifest.dump(2));
    done.bind(3, at);
    done.bind(4, clues);
    done.exec();
    tx.commit();
    return manifest;
}

int clinic_export(export_options o) {
    auto clues = domain::normalize_clues(o.clues);
    if (!clues) {
        std::cerr << "asamblea: «" << o.clues << "» no es una CLUES válida\n";
        return 1;
    }
    if (!shard_name_valid(o.to)) {
        std::cerr << "asamblea: nombre de shard inválido «" << o.to
                  << "»: minúsculas, dígitos, - o _, hasta 32\n";
        return 1;
    }
    const auto db_path = store::database_path(o.data_dir);
    if (!fs::exists(db_path)) {
        std::cerr << "asamblea: no hay base de datos en " << db_path << "\n";
        return 1;
    }
    const fs::path out = fs::absolute(o.out).lexically_normal();
    if (fs::exists(out) && !(fs::is_directory(out) && fs::is_empty(out))) {
        std::cerr << "asamblea: " << out.string()
                  << " ya existe y no está vacía; elija una carpeta nueva o vacía\n";
        return 1;
    }
    auto db = store::open_database(db_path, store::access::read_write);
    store::migrate(*db);
    bool resumed = false;
    try {
        resumed = freeze_clinic(*db, *clues, o.to);
    } catch (const export_refused& e) {
        std::cerr << "asamblea: " << e.what() << "\n";
        return 1;
    }
    if (resumed)
        std::cout << "Se retoma la exportación de " << *clues << " que no terminó.\n";
    nlohmann::json manifest;
    try {
        store::make_private_folder(out);
        std::vector<std::string> files;
        store::chain_head head;
        auto tables = write_rows(*db, *clues, out / bundle_rows, files, head);
        manifest = {{"format", bundle_format},
                    {"clues", *clues},
                    {"to_shard", o.to},
                    {"schema_version", store::latest_schema_version()},
                    {"exported_at", store::utc_now()},
                    {"tables", tables},
                    {"rows_file",
                     {{"name", bundle_rows},
                      {"sha256", sha256_of_file(out / bundle_rows)},
                      {"bytes", fs::file_size(out / bundle_rows)}}},
                    {"files", copy_files(o.data_dir, files, out)},
                    {"chain",
                     {{"events", tables[store::bundle_chain_table]["rows"]},
                      {"head", {{"seq", head.seq}, {"hash", head.hash}}}}}};
        manifest["digest"] = bundle_digest(manifest);
    } catch (const std::exception& e) {
        thaw_clinic(*db, *clues);
        std::error_code ignored;
        fs::remove_all(out, ignored);
        std::cerr << "asamblea: no se pudo exportar " << *clues << ": " << e.what()
                  << "; la unidad sigue atendiéndose aquí\n";
        return 1;
    }
    try {
        manifest = record_move(*db, std::move(manifest));
    } catch (const std::exception& e) {
        std::cerr << "asamblea: la exportación de " << *clues << " no terminó: " << e.what()
                  << "; la unidad sigue congelada aquí: vuelva a correr el mismo comando con "
                     "una carpeta nueva o vacía\n";
        return 1;
    }
    try {
        // Last: a bundle without its manifest is not a bundle.
        write_durably(out / bundle_manifest, manifest.dump(2) + "\n");
        sync_to_disk(out);
    } catch (const std::exception& e) {
        std::cerr << "asamblea: la salida de " << *clues << " quedó registrada, pero no se pudo "
                  << "escribir " << bundle_manifest << " (" << e.what()
                  << "); está en la tabla clinic_moves (README, «Running on several machines»)\n";
        return 1;
    }
    std::cout << "Unidad " << *clues << " exportada a " << out.string() << " para el shard «"
              << o.to << "»: " << manifest["tables"]["clinics"]["rows"] << " unidad, "
              << manifest["files"].size() << " archivos, "
              << manifest["chain"]["events"].get<std::int64_t>() + 1
              << " eventos de su bitácora; huella del paquete "
              << manifest["digest"].get<std::string>()
              << ".\nDesde ahora este servidor ya no atiende " << *clues
              << " (responde 421 con el shard «" << o.to << "»).\n";
    return 0;
}

} // namespace

void add_clinic_export_command(CLI::App& app) {
    auto o = std::make_shared<export_options>();
    auto* sub = app.add_subcommand(
        "clinic-export", "Move a clinic out: freeze it here and write its rows, files and audit "
                         "chain to a bundle folder for another shard");
    add_data_option(*sub, o->data_dir);
    sub->add_option("--clues", o->clues, "The clinic to move")->required();
    sub->add_option("--to", o->to, "The shard that will serve it (its name in the shard map)")
        ->required();
    sub->add_option("--out", o->out, "The bundle folder to create (new or empty)")->required();
    sub->callback([o] {
        int code = clinic_export(*o);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
