#include "store/evidence_files.hpp"

#include "store/crypto.hpp"
#include "store/database.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace asamblea::store {
namespace {

namespace fs = std::filesystem;
using domain::error_kind;

constexpr std::string_view temp_folder = "tmp";
constexpr std::string_view temp_prefix = "upload-";
constexpr std::string_view public_folder = "public";
constexpr std::string_view public_temp_prefix = "public-";

std::unexpected<domain::error> io_failure(std::string what, const fs::path& path, int err) {
    return domain::fail(error_kind::internal, "evidence_io",
                        "No se pudo guardar el archivo. Intente de nuevo.",
                        what + " " + path.string() + ": " + std::strerror(err));
}

std::unexpected<domain::error> io_failure(std::string what, const fs::path& path,
                                          const std::error_code& ec) {
    return domain::fail(error_kind::internal, "evidence_io",
                        "No se pudo leer o guardar el archivo. Intente de nuevo.",
                        what + " " + path.string() + ": " + ec.message());
}

std::unexpected<domain::error> file_not_found() {
    return domain::fail(error_kind::not_found, "file_not_found", "No existe ese archivo.",
                        "sha256");
}

// "10 MB" for the configured limits, the exact bytes for odd ones (tests).
std::string limit_text(std::uint64_t bytes) {
    constexpr std::uint64_t mb = 1024 * 1024;
    if (bytes >= mb && bytes % mb == 0)
        return std::to_string(bytes / mb) + " MB";
    return std::to_string(bytes) + " bytes";
}

// A rename or a new name is durable only once its directory is on disk.
int sync_directory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int err = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return err;
}

// A new file under a random name in `temp_dir`, created exclusively (never an existing file,
// never followed through a link) and readable only by this process; its descriptor.
domain::result<int> open_temp(const fs::path& temp_dir, std::string_view prefix, fs::path& path) {
    std::error_code ec;
    fs::create_directories(temp_dir, ec);
    if (ec)
        return io_failure("mkdir", temp_dir, ec);
    for (int attempt = 0;; ++attempt) {
        path = temp_dir / (std::string(prefix) + random_token(12));
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST || attempt == 3) {
            int err = errno;
            auto failed = path;
            path.clear();
            return io_failure("open", failed, err);
        }
    }
}

// The whole file; not_found when absent.
domain::result<std::string> read_whole(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno == ENOENT ? file_not_found() : io_failure("open", path, errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int err = errno;
        ::close(fd);
        return io_failure("fstat", path, err != 0 ? err : EINVAL);
    }
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        auto n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int err = n < 0 ? errno : EIO;
            ::close(fd);
            return io_failure("read", path, err);
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return bytes;
}

// Puts `bytes` at `target` the way an upload is put in place: a temporary file written, made
// read-only and synced, then renamed over the name (atomic: a reader sees no file or all of it;
// two writers of the same bytes both succeed, the last rename wins), then the folders synced.
domain::status write_in_place(const fs::path& temp_dir, const fs::path& target,
                              std::string_view bytes) {
    fs::path temp;
    auto opened = open_temp(temp_dir, public_temp_prefix, temp);
    if (!opened)
        return std::unexpected(opened.error());
    int fd = *opened;
    auto fail = [&](std::string what, const fs::path& where, int err) {
        if (fd >= 0)
            ::close(fd);
        ::unlink(temp.c_str());
        return io_failure(std::move(what), where, err);
    };
    for (std::string_view left = bytes; !left.empty();) {
        auto n = ::write(fd, left.data(), left.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail("write", temp, n < 0 ? errno : EIO);
        left.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::fchmod(fd, S_IRUSR) != 0)
        return fail("fchmod", temp, errno);
    if (::fsync(fd) != 0)
        return fail("fsync", temp, errno);
    if (::close(std::exchange(fd, -1)) != 0)
        return fail("close", temp, errno);
    const fs::path folder = target.parent_path();
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
        ::unlink(temp.c_str());
        return io_failure("mkdir", folder, ec);
    }
    if (::rename(temp.c_str(), target.c_str()) != 0)
        return fail("rename", target, errno);
    if (int err = sync_directory(folder); err != 0)
        return io_failure("fsync", folder, err);
    if (int err = sync_directory(folder.parent_path()); err != 0)
        return io_failure("fsync", folder.parent_path(), err);
    return {};
}

} // namespace

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

fs::path evidence_root(const std::string& data_dir) {
    return fs::path(database_path(data_dir)).parent_path() / "evidence";
}

// ---- evidence_upload ----

struct evidence_upload::state {
    fs::path root;
    fs::path temp;
    int fd = -1;
    std::uint64_t limit = 0;
    std::uint64_t size = 0;
    std::string head;
    crypto_hash_sha256_state hash{};
    bool spent = false; // committed, or failed past repair: writes are refused
};

evidence_upload::evidence_upload(std::unique_ptr<state> s) : state_(std::move(s)) {}
evidence_upload::evidence_upload(evidence_upload&&) noexcept = default;

evidence_upload& evidence_upload::operator=(evidence_upload&& other) noexcept {
    if (this != &other) {
        discard();
        state_ = std::move(other.state_);
    }
    return *this;
}

evidence_upload::~evidence_upload() {
    discard();
}

void evidence_upload::discard() noexcept {
    if (!state_)
        return;
    if (state_->fd >= 0) {
        ::close(state_->fd);
        state_->fd = -1;
    }
    if (!state_->temp.empty()) {
        ::unlink(state_->temp.c_str());
        state_->temp.clear();
    }
}

std::uint64_t evidence_upload::size() const {
    return state_ ? state_->size : 0;
}

std::string_view evidence_upload::head() const {
    return state_ ? std::string_view(state_->head) : std::string_view();
}

std::uint64_t evidence_upload::limit() const {
    return state_ ? state_->limit : 0;
}

domain::status evidence_upload::write(std::string_view chunk) {
    if (!state_ || state_->spent || state_->fd < 0)
        return domain::fail(error_kind::internal, "evidence_io",
                            "No se pudo guardar el archivo. Intente de nuevo.",
                            "write to an upload that is already spent");
    auto& s = *state_;
    // Checked before writing, so a refused upload never holds more than its limit on disk.
    if (chunk.size() > s.limit - s.size)
        return check_size(s.limit + 1);
    if (s.head.size() < evidence_head_bytes)
        s.head.append(chunk.substr(0, evidence_head_bytes - s.head.size()));
    crypto_hash_sha256_update(&s.hash, reinterpret_cast<const unsigned char*>(chunk.data()),
                              chunk.size());
    while (!chunk.empty()) {
        auto n = ::write(s.fd, chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            s.spent = true;
            return io_failure("write", s.temp, n < 0 ? errno : EIO);
        }
        chunk.remove_prefix(static_cast<std::size_t>(n));
        s.size += static_cast<std::uint64_t>(n);
    }
    return {};
}

domain::status evidence_upload::check_size(std::uint64_t total) const {
    if (state_ && total > state_->limit)
        return domain::fail(error_kind::too_large, "file_too_large",
                            "El archivo pasa de " + limit_text(state_->limit) + ".");
    return {};
}

domain::result<stored_file> evidence_upload::commit() {
    if (!state_ || state_->spent || state_->fd < 0)
        return domain::fail(error_kind::internal, "evidence_io",
                            "No se pudo guardar el archivo. Intente de nuevo.",
                            "commit of an upload that is already spent");
    auto& s = *state_;
    s.spent = true;
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&s.hash, digest.data());
    std::string sha(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(sha.data(), sha.size(), digest.data(), digest.size());
    sha.pop_back();

    // Read-only once in place: the name promises these bytes, and backups may hard-link them.
    if (::fchmod(s.fd, S_IRUSR) != 0)
        return io_failure("fchmod", s.temp, errno);
    if (::fsync(s.fd) != 0)
        return io_failure("fsync", s.temp, errno);
    int fd = std::exchange(s.fd, -1);
    if (::close(fd) != 0)
        return io_failure("close", s.temp, errno);

    const fs::path folder = s.root / sha.substr(0, 2);
    const fs::path target = folder / sha;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        return io_failure("mkdir", folder, ec);
    stored_file out{sha, s.size, s.head, false};
    // The same bytes already stored: keep that file (written and synced before its rename).
    // Two uploads of the same new file may both rename; identical bytes make that harmless.
    if (fs::exists(target, ec)) {
        discard();
        return out;
    }
    if (::rename(s.temp.c_str(), target.c_str()) != 0)
        return io_failure("rename", target, errno);
    s.temp.clear();
    // The rename first, then the folder that may be new: both entries must survive a crash
    // before any row points at this file.
    if (int err = sync_directory(folder); err != 0)
        return io_failure("fsync", folder, err);
    if (int err = sync_directory(s.root); err != 0)
        return io_failure("fsync", s.root, err);
    out.created = true;
    return out;
}

// ---- evidence_files ----

evidence_files::evidence_files(fs::path root) : root_(std::move(root)) {
    crypto_init();
}

domain::result<evidence_upload> evidence_files::begin_upload(std::uint64_t max_bytes) const {
    auto s = std::make_unique<evidence_upload::state>();
    s->root = root_;
    s->limit = max_bytes;
    crypto_hash_sha256_init(&s->hash);
    auto fd = open_temp(root_ / temp_folder, temp_prefix, s->temp);
    if (!fd)
        return std::unexpected(fd.error());
    s->fd = *fd;
    return evidence_upload(std::move(s));
}

domain::result<fs::path> evidence_files::path_of(std::string_view sha256) const {
    if (!is_sha256_hex(sha256))
        return domain::fail(error_kind::invalid, "bad_sha256",
                            "El identificador del archivo debe ser un sha256 de 64 caracteres "
                            "hexadecimales en minúsculas.",
                            "sha256");
    return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

bool evidence_files::exists(std::string_view sha256) const {
    auto path = path_of(sha256);
    std::error_code ec;
    return path && fs::is_regular_file(*path, ec);
}

domain::result<std::uint64_t> evidence_files::size(std::string_view sha256) const {
    auto path = path_of(sha256);
    if (!path)
        return std::unexpected(path.error());
    std::error_code ec;
    if (!fs::is_regular_file(*path, ec))
        return file_not_found();
    auto bytes = fs::file_size(*path, ec);
    if (ec)
        return io_failure("stat", *path, ec);
    return static_cast<std::uint64_t>(bytes);
}

domain::result<std::string> evidence_files::read(std::string_view sha256) const {
    auto path = path_of(sha256);
    if (!path)
        return std::unexpected(path.error());
    return read_whole(*path);
}

domain::result<std::string> evidence_files::public_copy(std::string_view sha256,
                                                        const copy_maker& make) const {
    if (!is_sha256_hex(sha256))
        return std::unexpected(path_of(sha256).error());
    const std::string sha(sha256);
    const fs::path target = root_ / public_folder / sha.substr(0, 2) / sha;
    if (auto kept = read_whole(target); kept || kept.error().kind != error_kind::not_found)
        return kept;
    auto original = read(sha);
    if (!original)
        return std::unexpected(original.error());
    auto copy = make(*original);
    if (!copy)
        return std::unexpected(copy.error());
    if (auto written = write_in_place(root_ / temp_folder, target, *copy); !written)
        return std::unexpected(written.error());
    return copy;
}

domain::result<std::vector<std::string>> evidence_files::stored() const {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::exists(root_, ec))
        return out;
    for (fs::directory_iterator dir(root_, ec), end; !ec && dir != end; dir.increment(ec)) {
        const auto name = dir->path().filename().string();
        if (name.size() != 2 || !dir->is_directory(ec))
            continue; // tmp/ and anything that is not a two-digit folder
        for (fs::directory_iterator file(dir->path(), ec); !ec && file != end; file.increment(ec)) {
            auto sha = file->path().filename().string();
            if (is_sha256_hex(sha) && sha.starts_with(name) && file->is_regular_file(ec))
                out.push_back(std::move(sha));
        }
    }
    if (ec)
        return io_failure("list", root_, ec);
    return out;
}

domain::result<std::size_t> evidence_files::remove_stale_uploads() const {
    const fs::path temp_dir = root_ / temp_folder;
    std::error_code ec;
    if (!fs::exists(temp_dir, ec))
        return 0;
    std::size_t removed = 0;
    for (fs::directory_iterator it(temp_dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code ignored;
        if (fs::remove(it->path(), ignored))
            ++removed;
    }
    if (ec)
        return io_failure("clean", temp_dir, ec);
    return removed;
}

} // namespace asamblea::store
