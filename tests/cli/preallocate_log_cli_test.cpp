// `asamblea serve` gives the write-ahead log its full length at start (store/log_preallocation),
// unless told not to; the log's first lap then overwrites zeros instead of appending.
#include "../store/test_dir.hpp"
#include "http_client.hpp"
#include "serve_process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace preallocate_log_cli_test {

TEST_CASE("serve lengthens the write-ahead log at start, and --no-preallocate-log does not") {
    constexpr std::uintmax_t full = 100u << 20; // 30,000 frames of a 4-KiB page: ~118 MiB
    {
        test_dir dir;
        const auto data = dir.path / "data";
        serve_process server(data, dir.path);
        // Serving: the log was lengthened before the first commit.
        CHECK(http_client(server.port()).request("GET", "/metrics").status == 200);
        CHECK(std::filesystem::file_size(data / "asamblea.db-wal") > full);
    }
    {
        test_dir dir;
        const auto data = dir.path / "data";
        serve_process server(data, dir.path, {"--no-preallocate-log"});
        CHECK(http_client(server.port()).request("GET", "/metrics").status == 200);
        CHECK(std::filesystem::file_size(data / "asamblea.db-wal") < full);
    }
}

} // namespace preallocate_log_cli_test
