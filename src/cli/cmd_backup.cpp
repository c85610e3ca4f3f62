// `asamblea backup`: a consistent copy of the live database, its key and the evidence files,
// checked before it is handed over, so a restore needs only that folder.
#include "cli/atomic_file.hpp"
#include "cli/commands.hpp"
#include "store/assembly_repo.hpp"
#include "store/audit_chain.hpp"
#include "store/backup.hpp"
#include "store/ballot_keys.hpp"
#include "store/database.hpp"
#include "store/evidence_files.hpp"
#include "store/private_path.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace asamblea::cli {
namespace {

namespace fs = std::filesystem;

// Removes the half-made copy unless it was handed over.
struct temp_dir_guard {
    fs::path path;
    ~temp_dir_guard() {
        std::error_code ignored;
        if (!path.empty())
            fs::remove_all(path, ignored);
    }
};

int backup(const std::string& data_dir, const std::string& out) {
    const fs::path source = store::database_path(data_dir);
    const fs::path key = fs::path(data_dir) / "secret.key";
    if (!fs::exists(source)) {
        std::cerr << "asamblea: no hay base de datos en " << source.string() << "\n";
        return 1;
    }
    // Without the key the identifiers' keyed hashes in the copy could never be checked again.
    if (!fs::is_regular_file(key)) {
        std::cerr << "asamblea: falta " << key.string() << "; la copia no serviría sin ella\n";
        return 1;
    }
    const fs::path target = fs::absolute(out).lexically_normal();
    if (fs::exists(target) && !(fs::is_directory(target) && fs::is_empty(target))) {
        std::cerr << "asamblea: " << target.string()
                  << " ya existe y no está vacía; elija una carpeta nueva o vacía\n";
        return 1;
    }
    fs::create_directories(target.parent_path());
    // Built beside the target and renamed at the end, so the target is whole or absent.
    temp_dir_guard temp{target.parent_path() /
                        ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()))};
    store::make_private_folder(temp.path); // renamed into the target: 0700 like the data folder
    const fs::path copy_db = temp.path / "asamblea.db";
    const fs::path copy_key = temp.path / "secret.key";
    store::backup_database(source.string(), copy_db.string());
    fs::copy_file(key, copy_key);
    fs::permissions(copy_key, fs::perms::owner_read | fs::perms::owner_write);

    auto db = store::open_database(copy_db.string(), store::access::read_only);
    // Ballot keys of assemblies still running travel with the copy, so a restore keeps one
    // counted ballot per person; they make the copy sensitive until those assemblies close
    // (docs/security.md). Keys of closed assemblies no longer exist.
    store::ballot_keys keys(fs::path(data_dir) / "ballot-keys");
    int copied_keys = 0;
    for (auto id : keys.stored()) {
        if (store::assembly_closed_or_absent(*db, id))
            continue;
        const auto copy = temp.path / "ballot-keys" / keys.file(id).filename();
        store::make_private_folder(copy.parent_path());
        fs::copy_file(keys.file(id), copy);
        sync_to_disk(copy);
        ++copied_keys;
    }
    if (copied_keys > 0)
        sync_to_disk(temp.path / "ballot-keys");
    // After the database snapshot: a row points only at a file renamed into place before the row
    // was written, so every file the copy's rows name is already there to be copied.
    auto evidence = store::backup_evidence(store::evidence_files(store::evidence_root(data_dir)),
                                           temp.path / "evidence");
    auto chain = store::verify_chains(*db);
    db.reset();
    for (const auto& c : chain.chains)
        if (!c.ok) {
            std::cerr << "asamblea: la bitácora de la copia falla"
                      << (c.clues.empty() ? std::string() : " (unidad " + c.clues + ")") << ": "
                      << c.problem << "; no se guardó la copia\n";
            return 2;
        }
    sync_to_disk(copy_db);
    sync_to_disk(copy_key);
    sync_to_disk(temp.path);
    // rename() replaces only an empty directory, so a target filled meanwhile is still refused.
    fs::rename(temp.path, target);
    temp.path.clear();
    sync_to_disk(target.parent_path());
    std::cout << "Copia en " << target.string() << ": asamblea.db ("
              << fs::file_size(target / "asamblea.db") / 1024 << " KiB) y secret.key; bitácora "
              << "íntegra: " << chain.events() << " eventos\n";
    if (evidence.files > 0)
        std::cout << "Lleva " << evidence.files << " archivo(s) de evidencia ("
                  << evidence.bytes / 1024 << " KiB" << (evidence.linked > 0 ? ", enlazados" : "")
                  << ") en evidence/.\n";
    if (copied_keys > 0)
        std::cout << "Lleva las claves de boleta de " << copied_keys
                  << " asamblea(s) en curso: trate la copia como secreta hasta que cierren.\n";
    return 0;
}

} // namespace

void add_backup_command(CLI::App& app) {
    auto data_dir = std::make_shared<std::string>("./data");
    auto out = std::make_shared<std::string>();
    auto* sub = app.add_subcommand(
        "backup",
        "Copy the live database, secret.key and the evidence files into a new folder and check "
        "the copy");
    add_data_option(*sub, *data_dir);
    sub->add_option("--out", *out,
                    "New or empty folder that receives asamblea.db, secret.key and evidence/")
        ->required();
    sub->callback([data_dir, out] {
        int code = backup(*data_dir, *out);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
