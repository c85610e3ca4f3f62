#include "cli/bundle_files.hpp"

#include "store/crypto.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace asamblea::cli {

namespace fs = std::filesystem;

std::string sha256_of_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("no se puede leer " + path.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return store::sha256_hex(bytes.str());
}

void copy_durably(const fs::path& from, const fs::path& to) {
    fs::path temp = to;
    temp += ".tmp-" + std::to_string(::getpid());
    std::error_code ignored;
    fs::remove(temp, ignored);
    fs::copy_file(from, temp);
    try {
        sync_to_disk(temp);
    } catch (...) {
        fs::remove(temp, ignored);
        throw;
    }
    fs::rename(temp, to);
}

std::string bundle_digest(const nlohmann::json& content) {
    auto copy = content;
    copy.erase("digest");
    copy.erase("moved_out");
    return store::sha256_hex(copy.dump());
}

bool shard_name_valid(const std::string& name) {
    return !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

} // namespace asamblea::cli
