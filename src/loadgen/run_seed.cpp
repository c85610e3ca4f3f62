#include "loadgen/run_seed.hpp"

#include <algorithm>
#include <stdexcept>

namespace asamblea::loadgen {

seed_data load_run_seed(const options& o) {
    seed_data seed;
    if (o.echo()) {
        seed.targets.push_back({"127.0.0.1", o.echo_port, "", ""});
        for (long n = 0; n < o.echo_connections; n += 150) {
            seed_assembly a;
            a.clues = "ECHO" + std::to_string(n);
            a.proposals = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};
            a.codes.assign(static_cast<std::size_t>(std::min(150L, o.echo_connections - n)),
                           "ECHOECHO");
            seed.assemblies.push_back(std::move(a));
        }
    }
    for (const auto& t : o.targets) {
        auto eq = t.find('=');
        if (eq == std::string::npos)
            throw std::runtime_error("--target wants PORT=SEEDFILE, not " + t);
        load_seed(seed, t.substr(eq + 1), "127.0.0.1",
                  static_cast<unsigned short>(std::stoi(t.substr(0, eq))));
    }
    for (auto& t : seed.targets)
        t.ws_port = o.ws_port;
    if (seed.assemblies.empty())
        throw std::runtime_error("nothing to do: give --target PORT=SEEDFILE or --echo-port");
    return seed;
}

} // namespace asamblea::loadgen
