#pragma once
/// The file `asamblea bench-seed` writes: a staff login and, per assembly, its CLUES, accepted
/// proposal ids and voter credential codes.

#include <string>
#include <vector>

namespace asamblea::loadgen {

struct seed_assembly {
    std::string clues;
    std::vector<std::string> proposals; // accepted proposal ids (the options of a budget round)
    std::vector<std::string> codes;     // one credential code per voter
    std::size_t target = 0;             // which server (shard) owns the clinic
};

struct seed_target {
    std::string host = "127.0.0.1";
    unsigned short port = 0; // REST (staff logins, rounds, checks)
    std::string user;
    std::string password;
    unsigned short ws_port = 0; // WebSockets when they go elsewhere (a proxy); 0: port
};

struct seed_data {
    std::vector<seed_target> targets;
    std::vector<seed_assembly> assemblies;
};

/// Adds the assemblies of one seed file, owned by a server on host:port. Throws on a bad file.
void load_seed(seed_data& into, const std::string& path, const std::string& host,
               unsigned short port);

} // namespace asamblea::loadgen
