#pragma once
// A data folder seeded by `asamblea bench-seed` with one assembly (its clinic, voters' codes,
// proposals and a moderator login), read back through the load generator's seed file.

#include "run_command.hpp"

#include "loadgen/seed_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

/// Seeds `data` (created) with one assembly; the seed file is written beside it.
inline asamblea::loadgen::seed_data seed_one_assembly(const std::filesystem::path& data, int voters,
                                                      int proposals) {
    const std::string seed_path = (data.parent_path() / "seed.txt").string();
    auto seeded = run_command("bench-seed --data '" + data.string() + "' --assemblies 1 --voters " +
                              std::to_string(voters) + " --proposals " + std::to_string(proposals) +
                              " --out '" + seed_path + "'");
    REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.output);
    asamblea::loadgen::seed_data seed;
    asamblea::loadgen::load_seed(seed, seed_path, "127.0.0.1", 0);
    REQUIRE(seed.assemblies.size() == 1);
    return seed;
}
