#pragma once
/// `--shards FILE --shard NAME` for the subcommands that split clinics between shards (serve,
/// import-clinics): reads and checks the map (domain::shard_map) and that NAME is in it.

#include "domain/shards/shard_map.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace asamblea::cli {

struct shard_choice {
    std::string file; // empty: no map, every clinic is this process's
    std::string name;
};

/// Adds --shards and --shard (each needs the other) to a subcommand.
void add_shard_options(CLI::App& sub, shard_choice& choice);

/// The map in `file`; every problem is printed with its line on stderr and the command stops
/// (CLI::RuntimeError) when the file cannot be read or has errors.
domain::shard_map read_shard_file(const std::string& file);

/// The map, nullopt without --shards; every problem is printed with its line on stderr and the
/// command stops (CLI::RuntimeError) when the file cannot be read, has errors or lacks NAME.
std::optional<domain::shard_map> read_shard_map(const shard_choice& choice);

} // namespace asamblea::cli
