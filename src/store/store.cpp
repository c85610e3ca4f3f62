#include "store/store.hpp"

#include "store/database.hpp"

#include <filesystem>

namespace asamblea::store {

store::store(const std::string& data_dir, options opts) : data_dir_(data_dir) {
    std::filesystem::create_directories(data_dir);
    crypto_init();
    key_ = load_or_create_key((std::filesystem::path(data_dir) / "secret.key").string());
    // The writer migrates before any reader opens, so readers always see the current schema.
    writer_ = std::make_unique<::asamblea::store::writer>(database_path(data_dir), opts.writes);
    readers_ = std::make_unique<read_pool>(database_path(data_dir), opts.readers);
}

} // namespace asamblea::store
