#include "store/store.hpp"

#include "store/assembly_repo.hpp"
#include "store/database.hpp"
#include "store/private_path.hpp"

#include <filesystem>

namespace asamblea::store {

store::store(const std::string& data_dir, options opts)
    : data_dir_(data_dir), evidence_(evidence_root(data_dir)) {
    // Private before anything is written in it; an older install's 0755 folder is tightened.
    make_private_folder(data_dir);
    make_private_file(database_path(data_dir));
    crypto_init();
    key_ = load_or_create_key((std::filesystem::path(data_dir) / "secret.key").string());
    // The writer migrates before any reader opens, so readers always see the current schema.
    writer_ = std::make_unique<::asamblea::store::writer>(database_path(data_dir), opts.writes);
    readers_ =
        std::make_unique<read_pool>(database_path(data_dir), opts.readers, opts.reader_cache_kib);
    ballot_keys_ = std::make_unique<::asamblea::store::ballot_keys>(
        std::filesystem::path(data_dir) / "ballot-keys");
    // A close is committed before its key is destroyed: a crash in between leaves a key that
    // must not outlive the start.
    auto db = readers_->acquire();
    for (auto id : ballot_keys_->stored())
        if (assembly_closed_or_absent(*db, id))
            ballot_keys_->destroy(id);
}

} // namespace asamblea::store
