// The connection PRAGMAs of store/database: what a writing connection and a reading one get.
#include "store/database.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace database_test {

TEST_CASE("a writing connection logs ahead, syncs every commit and checkpoints late") {
    test_dir dir;
    auto writer = open_database(dir.db(), access::read_write);
    CHECK(writer->execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(writer->execAndGet("PRAGMA synchronous").getInt() == 2); // FULL
    CHECK(writer->execAndGet("PRAGMA wal_autocheckpoint").getInt() == wal_checkpoint_pages);
    CHECK(writer->execAndGet("PRAGMA foreign_keys").getInt() == 1);
    auto reader = open_database(dir.db(), access::read_only);
    CHECK(reader->execAndGet("PRAGMA foreign_keys").getInt() == 1);
}

} // namespace database_test
