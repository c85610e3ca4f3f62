#include "store/ballot_keys.hpp"

#include "store/private_path.hpp"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace asamblea::store {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const fs::path& p) {
    throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}

void sync_folder(const fs::path& folder) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fail("cannot open", folder);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        fail("cannot sync", folder);
}

// Writes all bytes and syncs them; throws on any failure.
void write_synced(const fs::path& p, const unsigned char* data, std::size_t size, int flags) {
    int fd = ::open(p.c_str(), flags | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
        fail("cannot open", p);
    std::size_t done = 0;
    while (done < size) {
        auto n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            fail("cannot write", p);
        }
        done += static_cast<std::size_t>(n);
    }
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        fail("cannot sync", p);
}

} // namespace

ballot_keys::ballot_keys(fs::path folder) : folder_(std::move(folder)) {
    make_private_folder(folder_);
}

fs::path ballot_keys::file(std::int64_t assembly_id) const {
    return folder_ / (std::to_string(assembly_id) + ".key");
}

std::optional<secret_key> ballot_keys::read_locked(std::int64_t assembly_id) {
    if (auto it = cache_.find(assembly_id); it != cache_.end())
        return it->second;
    auto path = file(assembly_id);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    secret_key key{};
    auto n = ::read(fd, key.data(), key.size());
    ::close(fd);
    if (n != static_cast<ssize_t>(key.size()))
        throw std::runtime_error("ballot key file " + path.string() + " is truncated");
    cache_[assembly_id] = key;
    return key;
}

std::optional<secret_key> ballot_keys::find(std::int64_t assembly_id) {
    std::lock_guard lock(mutex_);
    return read_locked(assembly_id);
}

secret_key ballot_keys::get_or_create(std::int64_t assembly_id) {
    std::lock_guard lock(mutex_);
    if (auto known = read_locked(assembly_id))
        return *known;
    secret_key key{};
    auto path = file(assembly_id);
    {
        crypto_init();
        randombytes_buf(key.data(), key.size());
        // Written whole under a temporary name and renamed: a crash leaves the key or nothing.
        auto temp = path;
        temp += ".tmp";
        write_synced(temp, key.data(), key.size(), O_CREAT | O_TRUNC);
        fs::rename(temp, path);
        sync_folder(folder_);
    }
    cache_[assembly_id] = key;
    return key;
}

void ballot_keys::destroy(std::int64_t assembly_id) {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(assembly_id); it != cache_.end()) {
        sodium_memzero(it->second.data(), it->second.size());
        cache_.erase(it);
    }
    auto path = file(assembly_id);
    if (!fs::exists(path))
        return;
    // Overwritten before the unlink so the bytes do not linger in the file's old blocks (on
    // file systems that rewrite in place; see docs/security.md for the limits of this).
    secret_key zeros{};
    write_synced(path, zeros.data(), zeros.size(), 0);
    fs::remove(path);
    sync_folder(folder_);
}

std::vector<std::int64_t> ballot_keys::stored() const {
    std::vector<std::int64_t> out;
    for (const auto& entry : fs::directory_iterator(folder_)) {
        auto name = entry.path().filename().string();
        if (!name.ends_with(".key"))
            continue;
        try {
            std::size_t used = 0;
            auto id = std::stoll(name, &used);
            if (used + 4 == name.size())
                out.push_back(id);
        } catch (const std::exception&) {
            // Not one of ours: left alone.
        }
    }
    return out;
}

std::string voter_tag(const secret_key& assembly_key, std::int64_t round_id,
                      std::int64_t attendee_id) {
    return keyed_hash_hex(assembly_key,
                          "ballot:" + std::to_string(round_id) + ":" + std::to_string(attendee_id));
}

} // namespace asamblea::store
