// `asamblea backup` carries the evidence files: every stored file into the copy's evidence/ with
// the same names, never an upload still in evidence/tmp/, usable from the copy alone.
#include "run_command.hpp"

#include "../store/test_dir.hpp"
#include "store/evidence_files.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace asamblea;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace backup_evidence_test {

namespace {

std::string file_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::string store_file(const store::evidence_files& files, const std::string& bytes) {
    auto up = files.begin_upload(1 << 20);
    REQUIRE(up);
    REQUIRE(up->write(bytes));
    auto done = up->commit();
    REQUIRE(done);
    return done->sha256;
}

} // namespace

TEST_CASE("asamblea backup copies every evidence file and no unfinished upload") {
    test_dir data, out;
    auto seeded = run_command("seed-demo --data '" + data.str() + "'");
    REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.output);
    store::evidence_files files(store::evidence_root(data.str()));
    // The demo's own follow-up files (its 2025 works' photos, quotes and invoices) are there too.
    const auto seeded_files = files.stored().value_or(std::vector<std::string>{}).size();
    CHECK(seeded_files > 0);
    const std::string photo = "\xFF\xD8\xFF\xE0 la rampa terminada";
    const std::string invoice = "<?xml version=\"1.0\"?><cfdi:Comprobante Total=\"1000.00\"/>";
    const auto photo_sha = store_file(files, photo);
    const auto invoice_sha = store_file(files, invoice);
    // An upload in flight while the copy is taken: its temporary file stays out of the copy.
    auto in_flight = files.begin_upload(1 << 20);
    REQUIRE(in_flight);
    REQUIRE(in_flight->write("a medias"));

    const fs::path copy = out.path / "copia";
    auto taken = run_command("backup --data '" + data.str() + "' --out '" + copy.string() + "'");
    REQUIRE_MESSAGE(taken.exit_code == 0, taken.output);
    CHECK_MESSAGE(taken.output.find(std::to_string(seeded_files + 2) +
                                    " archivo(s) de evidencia") != std::string::npos,
                  taken.output);

    // The same layout, the same bytes; nothing else (no tmp/).
    store::evidence_files copied(copy / "evidence");
    CHECK(copied.read(photo_sha).value_or("") == photo);
    CHECK(copied.read(invoice_sha).value_or("") == invoice);
    CHECK(file_text(copy / "evidence" / photo_sha.substr(0, 2) / photo_sha) == photo);
    CHECK_FALSE(fs::exists(copy / "evidence" / "tmp"));
    std::size_t entries = 0;
    for (const auto& e : fs::recursive_directory_iterator(copy / "evidence"))
        entries += e.is_regular_file() ? 1 : 0;
    CHECK(entries == seeded_files + 2);
    // The copy is still whole for a restore: its chain checks on its own.
    auto verified = run_command("verify --data '" + copy.string() + "'");
    CHECK_MESSAGE(verified.exit_code == 0, verified.output);

    // The live files are untouched (a hard link shares them; they are read-only).
    CHECK(files.read(photo_sha).value_or("") == photo);
    struct stat st {};
    REQUIRE(::stat((copy / "evidence" / photo_sha.substr(0, 2) / photo_sha).c_str(), &st) == 0);
    CHECK((st.st_mode & 0222) == 0);
}

} // namespace backup_evidence_test
