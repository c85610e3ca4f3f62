// The evidence folder: files stored once by sha256, uploads that leave nothing behind unless
// committed, and no path built from anything but a well-formed sha256.
#include "test_dir.hpp"

#include "store/crypto.hpp"
#include "store/evidence_files.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace asamblea;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace evidence_files_test {

namespace {

std::size_t files_under(const fs::path& dir) {
    std::size_t n = 0;
    if (!fs::exists(dir))
        return 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        n += e.is_regular_file() ? 1 : 0;
    return n;
}

std::string file_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

store::stored_file store_bytes(const store::evidence_files& files, std::string_view bytes,
                               std::size_t piece = 7) {
    auto up = files.begin_upload(1024);
    REQUIRE(up);
    for (std::size_t at = 0; at < bytes.size(); at += piece)
        REQUIRE(up->write(bytes.substr(at, piece)));
    auto done = up->commit();
    REQUIRE(done);
    return *done;
}

} // namespace

TEST_CASE("evidence: a file is stored under its sha256, read back, and stored once") {
    test_dir dir;
    store::evidence_files files(dir.path / "evidence");
    const std::string bytes = "\xFF\xD8\xFF\xE0 una foto de la rampa terminada, entrega 2026";
    auto first = store_bytes(files, bytes);
    CHECK(first.sha256 == store::sha256_hex(bytes));
    CHECK(first.size == bytes.size());
    CHECK(first.head == bytes.substr(0, store::evidence_head_bytes));
    CHECK(first.created);

    auto path = files.path_of(first.sha256);
    REQUIRE(path);
    CHECK(*path == dir.path / "evidence" / first.sha256.substr(0, 2) / first.sha256);
    CHECK(file_text(*path) == bytes);
    CHECK(files.exists(first.sha256));
    CHECK(files.size(first.sha256).value_or(0) == bytes.size());
    CHECK(files.read(first.sha256).value_or("") == bytes);
    // Stored read-only: the name promises these bytes.
    struct stat st {};
    REQUIRE(::stat(path->c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0400);

    // The same bytes again, in other pieces: the same name, and still one file on disk.
    auto second = store_bytes(files, bytes, 3);
    CHECK(second.sha256 == first.sha256);
    CHECK_FALSE(second.created);
    CHECK(files_under(dir.path / "evidence") == 1);
    auto listed = files.stored();
    REQUIRE(listed);
    CHECK(*listed == std::vector<std::string>{first.sha256});

    // Other bytes, another file; the head keeps only the first bytes.
    const std::string longer(300, 'x');
    auto other = store_bytes(files, longer);
    CHECK(other.sha256 != first.sha256);
    CHECK(other.head == std::string(store::evidence_head_bytes, 'x'));
    CHECK(files_under(dir.path / "evidence") == 2);
}

TEST_CASE("evidence: an upload past its limit is refused and leaves nothing") {
    test_dir dir;
    store::evidence_files files(dir.path / "evidence");
    {
        auto up = files.begin_upload(10);
        REQUIRE(up);
        CHECK(up->write("0123456789")); // exactly the limit is fine
        auto over = up->write("x");
        REQUIRE_FALSE(over);
        CHECK(over.error().kind == domain::error_kind::too_large);
        CHECK(over.error().code == "file_too_large");
        CHECK(up->size() == 10);
        CHECK(files_under(dir.path / "evidence" / "tmp") == 1);
    }
    // Dropped without commit: the temporary file is gone, nothing stored.
    CHECK(files_under(dir.path / "evidence") == 0);

    auto up = files.begin_upload(10);
    REQUIRE(up);
    auto big = up->write(std::string(11, 'y'));
    REQUIRE_FALSE(big);
    CHECK(big.error().kind == domain::error_kind::too_large);
    CHECK(up->size() == 0); // refused before writing anything
}

TEST_CASE("evidence: an uncommitted upload removes its temporary file, a committed one is spent") {
    test_dir dir;
    store::evidence_files files(dir.path / "evidence");
    {
        auto up = files.begin_upload(1024);
        REQUIRE(up);
        REQUIRE(up->write("medio archivo"));
        CHECK(files_under(dir.path / "evidence" / "tmp") == 1);
        // Moving the upload keeps one owner of the temporary file.
        auto moved = std::move(*up);
        CHECK(files_under(dir.path / "evidence" / "tmp") == 1);
    }
    CHECK(files_under(dir.path / "evidence") == 0);

    auto up = files.begin_upload(1024);
    REQUIRE(up);
    REQUIRE(up->write("completo"));
    REQUIRE(up->commit());
    CHECK(files_under(dir.path / "evidence" / "tmp") == 0);
    CHECK_FALSE(up->write("más"));
    CHECK_FALSE(up->commit());
}

TEST_CASE("evidence: no path is built from anything but 64 lower-case hex digits") {
    test_dir dir;
    store::evidence_files files(dir.path / "evidence");
    const std::string good(64, 'a');
    CHECK(files.path_of(good));
    CHECK_FALSE(files.exists(good));
    auto size = files.size(good);
    CHECK((!size && size.error().kind == domain::error_kind::not_found));
    auto read = files.read(good);
    CHECK((!read && read.error().kind == domain::error_kind::not_found));
    for (std::string bad : {std::string(63, 'a'), std::string(65, 'a'), std::string(64, 'A'),
                            std::string("../") + std::string(61, 'a'), std::string(64, 'g'),
                            std::string(), std::string("aa/") + std::string(61, 'b'),
                            std::string(62, 'a') + std::string("\0a", 2)}) {
        auto path = files.path_of(bad);
        REQUIRE_FALSE(path);
        CHECK(path.error().kind == domain::error_kind::invalid);
        CHECK(path.error().code == "bad_sha256");
        CHECK_FALSE(files.exists(bad));
        CHECK_FALSE(files.read(bad));
    }
}

TEST_CASE("evidence: temporary files left by a crash are removed at start, stored files stay") {
    test_dir dir;
    store::evidence_files files(dir.path / "evidence");
    auto kept = store_bytes(files, "%PDF-1.7 acta de entrega");
    fs::create_directories(dir.path / "evidence" / "tmp");
    std::ofstream(dir.path / "evidence" / "tmp" / "upload-crashed") << "a medias";
    std::ofstream(dir.path / "evidence" / "tmp" / "upload-other") << "otra";
    CHECK(files_under(dir.path / "evidence") == 3);

    auto removed = files.remove_stale_uploads();
    REQUIRE(removed);
    CHECK(*removed == 2);
    CHECK(files_under(dir.path / "evidence") == 1);
    CHECK(files.exists(kept.sha256));
    // The listing never counts the temporary folder.
    fs::create_directories(dir.path / "evidence" / "tmp");
    std::ofstream(dir.path / "evidence" / "tmp" / std::string(64, 'c')) << "x";
    CHECK(files.stored().value().size() == 1);
    // A fresh folder has nothing to clean.
    store::evidence_files empty(dir.path / "nada");
    CHECK(empty.remove_stale_uploads().value_or(99) == 0);
    CHECK(empty.stored().value().empty());
}

} // namespace evidence_files_test
