// The data folder and everything in it are the owner's alone (issue 17 item 9): the real binary,
// started from a shell whose umask would make files 0644 and folders 0755, leaves the folder 0700
// and every file 0600, tightens an older install's looser modes, and makes private backups.
#include "../store/test_dir.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace fs = std::filesystem;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace private_files_test {

namespace {

// The shell's usual umask for the commands this test runs, restored afterwards.
struct usual_umask {
    mode_t before = ::umask(022);
    ~usual_umask() { ::umask(before); }
};

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

// Every folder and file under `root` (and `root` itself) that anyone but the owner can use.
std::vector<std::string> open_to_others(const fs::path& root) {
    std::vector<std::string> found;
    if ((mode_of(root) & 077) != 0)
        found.push_back(root.string());
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (!entry.is_symlink() && (mode_of(entry.path()) & 077) != 0)
            found.push_back(entry.path().string());
    return found;
}

std::string joined(const std::vector<std::string>& paths) {
    std::string out;
    for (const auto& p : paths)
        out += p + "\n";
    return out;
}

} // namespace

TEST_CASE("the data folder, the database, the key, the evidence and the backup are private") {
    usual_umask shell;
    test_dir data; // created 0755 by the test, like an operator's mkdir
    auto seeded = run_command("seed-demo --data '" + data.str() + "'");
    REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.output);

    CHECK(mode_of(data.path) == 0700);
    CHECK(mode_of(data.path / "asamblea.db") == 0600);
    CHECK(mode_of(data.path / "secret.key") == 0600);
    REQUIRE(fs::exists(data.path / "evidence")); // the demo's photos, quotes and invoices
    auto loose = open_to_others(data.path);
    CHECK_MESSAGE(loose.empty(), joined(loose));

    test_dir parent;
    const auto copy = parent.path / "copia";
    auto backed_up =
        run_command("backup --data '" + data.str() + "' --out '" + copy.string() + "'");
    REQUIRE_MESSAGE(backed_up.exit_code == 0, backed_up.output);
    CHECK(mode_of(copy) == 0700);
    CHECK(mode_of(copy / "asamblea.db") == 0600);
    auto loose_copy = open_to_others(copy);
    CHECK_MESSAGE(loose_copy.empty(), joined(loose_copy));
}

TEST_CASE("an older install's readable folder and database are tightened when it is opened") {
    usual_umask shell;
    test_dir data;
    REQUIRE(run_command("seed-demo --data '" + data.str() + "'").exit_code == 0);
    // What an earlier version left: a folder anyone could enter and a database anyone could read.
    fs::permissions(data.path, fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec);
    fs::permissions(data.path / "asamblea.db", fs::perms::owner_read | fs::perms::owner_write |
                                                   fs::perms::group_read | fs::perms::others_read);
    REQUIRE(mode_of(data.path) == 0755);
    REQUIRE(mode_of(data.path / "asamblea.db") == 0644);

    auto again = run_command("seed-demo --data '" + data.str() + "'");
    REQUIRE_MESSAGE(again.exit_code == 0, again.output);
    CHECK(mode_of(data.path) == 0700);
    CHECK(mode_of(data.path / "asamblea.db") == 0600);
}

} // namespace private_files_test
