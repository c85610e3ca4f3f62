// `asamblea fleet-key --out FILE` makes the key the shards of a fleet share; `serve --fleet-key`
// refuses a key without a shard map, and a file that is not a key, before it listens.
#include "../store/test_dir.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace fleet_key_cli_test {

TEST_CASE("fleet-key writes a private 32-byte key once and never overwrites it") {
    test_dir dir;
    const auto key = (dir.path / "fleet.key").string();
    auto made = run_command("fleet-key --out " + key);
    CHECK_MESSAGE(made.exit_code == 0, made.output);
    REQUIRE(std::filesystem::exists(key));
    CHECK(std::filesystem::file_size(key) == 32);
    struct stat st {};
    REQUIRE(::stat(key.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    std::ifstream before_in(key, std::ios::binary);
    std::string before((std::istreambuf_iterator<char>(before_in)), {});
    auto again = run_command("fleet-key --out " + key);
    CHECK(again.exit_code != 0);
    CHECK_MESSAGE(again.output.find("No se pudo crear la llave") != std::string::npos,
                  again.output);
    std::ifstream after_in(key, std::ios::binary);
    std::string after((std::istreambuf_iterator<char>(after_in)), {});
    CHECK(after == before);
}

TEST_CASE("serve refuses a fleet key without a shard map, and a file that is not a key") {
    test_dir dir;
    const auto key = (dir.path / "fleet.key").string();
    REQUIRE(run_command("fleet-key --out " + key).exit_code == 0);
    const std::string serve = "serve --port 0 --address 127.0.0.1 --data " + dir.str() + "/data ";

    auto alone = run_shell("timeout 30 " + std::string(ASAMBLEA_BINARY) + " " + serve +
                           "--fleet-key " + key);
    CHECK(alone.exit_code != 0);
    CHECK_MESSAGE(alone.output.find("--shards") != std::string::npos, alone.output);

    const auto map = (dir.path / "shards.conf").string();
    std::ofstream(map) << "sur 127.0.0.1:9001 CS*\ncentro 127.0.0.1:9002 DF*\n";
    const auto short_key = (dir.path / "short.key").string();
    std::ofstream(short_key) << "corta";
    auto bad = run_shell("timeout 30 " + std::string(ASAMBLEA_BINARY) + " " + serve + "--shards " +
                         map + " --shard sur --fleet-key " + short_key);
    CHECK(bad.exit_code != 0);
    CHECK_MESSAGE(bad.output.find("32 bytes") != std::string::npos, bad.output);
    CHECK(bad.output.find("listening") == std::string::npos);
}

} // namespace fleet_key_cli_test
