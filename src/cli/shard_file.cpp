#include "cli/shard_file.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace asamblea::cli {

void add_shard_options(CLI::App& sub, shard_choice& choice) {
    auto* file = sub.add_option("--shards", choice.file,
                                "Shard map (docs/architecture.md «Shards»): which shard owns "
                                "which clinics; with --shard")
                     ->envname("ASAMBLEA_SHARDS");
    auto* name = sub.add_option("--shard", choice.name, "This shard's name in --shards")
                     ->envname("ASAMBLEA_SHARD");
    file->needs(name);
    name->needs(file);
}

domain::shard_map read_shard_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::cerr << "asamblea: no se puede leer " << file << " (cannot read)\n";
        throw CLI::RuntimeError(1);
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = domain::shard_map::parse(text.str());
    if (!parsed.ok()) {
        std::cerr << file << ": " << parsed.problems.size()
                  << " error(es) en el mapa de shards (shard map errors):\n";
        for (const auto& p : parsed.problems)
            std::cerr << file << ":" << p.line << ": " << p.reason << "\n";
        throw CLI::RuntimeError(1);
    }
    return std::move(parsed.map);
}

std::optional<domain::shard_map> read_shard_map(const shard_choice& choice) {
    if (choice.file.empty())
        return std::nullopt;
    auto map = read_shard_file(choice.file);
    if (!map.find(choice.name)) {
        std::cerr << choice.file << ": no hay un shard «" << choice.name
                  << "» en el mapa (no such shard)\n";
        throw CLI::RuntimeError(1);
    }
    return map;
}

} // namespace asamblea::cli
