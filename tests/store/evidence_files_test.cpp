// The evidence folder: files stored once by sha256, uploads that leave nothing behind unless
// committed, and no path built from anything but a well-formed sha256.
#include "test_dir.hpp"

#include "store/backup.hpp"
#include "store/crypto.hpp"
#include "store/evidence_files.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <thread>

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

// A stand-in for the photo stripping of src/documents: the store only keeps what it is given.
domain::result<std::string> upper_case(std::string_view original) {
    std::string out(original);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

TEST_CASE("evidence: a public copy is made from the original once, kept, and never listed") {
    test_dir dir;
    store::evidence_files files(dir.path / "evidence");
    const std::string bytes = "\xFF\xD8\xFF\xE0 foto con gps de la rampa";
    auto original = store_bytes(files, bytes);
    int made = 0;
    auto make = [&](std::string_view from) {
        ++made;
        CHECK(from == bytes);
        return upper_case(from);
    };

    auto copy = files.public_copy(original.sha256, make);
    REQUIRE(copy);
    CHECK(*copy == *upper_case(bytes));
    CHECK(made == 1);
    const auto kept =
        dir.path / "evidence" / "public" / original.sha256.substr(0, 2) / original.sha256;
    CHECK(file_text(kept) == *copy);
    struct stat st {};
    REQUIRE(::stat(kept.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0400);
    // The original is proof: still the uploaded bytes, under the same name.
    CHECK(files.read(original.sha256).value_or("") == bytes);

    // Asked again, the kept copy is served and nothing is made.
    auto again = files.public_copy(original.sha256, make);
    REQUIRE(again);
    CHECK(*again == *copy);
    CHECK(made == 1);
    CHECK(files_under(dir.path / "evidence" / "tmp") == 0);

    // Backups and listings see only the originals; a copy is made again when missing.
    CHECK(files.stored().value() == std::vector<std::string>{original.sha256});
    auto backed = store::backup_evidence(files, dir.path / "backup" / "evidence");
    CHECK(backed.files == 1);
    CHECK(files_under(dir.path / "backup") == 1);
    CHECK_FALSE(fs::exists(dir.path / "backup" / "evidence" / "public"));
    // Start-up cleaning keeps copies, and removes a copy's temporary file left by a crash.
    std::ofstream(dir.path / "evidence" / "tmp" / "public-crashed") << "a medias";
    CHECK(files.remove_stale_uploads().value_or(0) == 1);
    CHECK(fs::exists(kept));
    fs::permissions(kept, fs::perms::owner_write, fs::perm_options::add);
    fs::remove(kept);
    REQUIRE(files.public_copy(original.sha256, make));
    CHECK(made == 2);
    CHECK(file_text(kept) == *copy);
}

TEST_CASE("evidence: no public copy of a missing file, a bad name, or what the maker refuses") {
    test_dir dir;
    store::evidence_files files(dir.path / "evidence");
    int made = 0;
    auto make = [&](std::string_view from) {
        ++made;
        return upper_case(from);
    };
    auto missing = files.public_copy(std::string(64, 'a'), make);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().kind == domain::error_kind::not_found);
    auto bad = files.public_copy("../" + std::string(61, 'a'), make);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "bad_sha256");
    CHECK(made == 0);

    auto original = store_bytes(files, "%PDF-1.7 no es una foto");
    auto refused = files.public_copy(original.sha256, [](std::string_view) {
        return domain::result<std::string>(domain::fail(
            domain::error_kind::unsupported_media, "photo_unsupported", "No es una foto.", "file"));
    });
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "photo_unsupported");
    CHECK_FALSE(fs::exists(dir.path / "evidence" / "public"));
    CHECK(files_under(dir.path / "evidence" / "tmp") == 0);
}

TEST_CASE("evidence: the first requests of a public copy at the same time all succeed") {
    test_dir dir;
    store::evidence_files files(dir.path / "evidence");
    const std::string bytes = "\x89PNG\r\n\x1A\n una foto pedida por muchos a la vez";
    auto original = store_bytes(files, bytes);
    std::atomic<int> made = 0;
    std::atomic<int> waiting = 0;
    constexpr int requests = 6;
    // Every maker waits until all have started, so several copies really race to their rename.
    auto make = [&](std::string_view from) {
        ++made;
        ++waiting;
        for (int i = 0; waiting.load() < requests && i < 2000; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return upper_case(from);
    };
    std::vector<std::string> got(requests);
    std::vector<std::thread> threads;
    for (int i = 0; i < requests; ++i)
        threads.emplace_back([&, i] {
            auto copy = files.public_copy(original.sha256, make);
            got[static_cast<std::size_t>(i)] = copy ? *copy : "error: " + copy.error().field;
        });
    for (auto& t : threads)
        t.join();
    CHECK(made.load() > 1);
    for (const auto& g : got)
        CHECK(g == *upper_case(bytes));
    CHECK(file_text(dir.path / "evidence" / "public" / original.sha256.substr(0, 2) /
                    original.sha256) == *upper_case(bytes));
    CHECK(files_under(dir.path / "evidence" / "tmp") == 0);
    CHECK(files_under(dir.path / "evidence" / "public") == 1);
}

} // namespace evidence_files_test
