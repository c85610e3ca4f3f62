#include "loadgen/seed_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace asamblea::loadgen {

void load_seed(seed_data& into, const std::string& path, const std::string& host,
               unsigned short port) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read seed file " + path);
    std::string line;
    if (!std::getline(in, line) || line != "asamblea-bench-seed 1")
        throw std::runtime_error(path + ": not an asamblea bench-seed file");
    seed_target target;
    target.host = host;
    target.port = port;
    std::size_t index = into.targets.size();
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string kind;
        words >> kind;
        if (kind == "login") {
            words >> target.user >> target.password;
        } else if (kind == "assembly") {
            seed_assembly a;
            std::size_t voters = 0;
            std::string ids;
            words >> a.clues >> voters >> ids;
            std::istringstream list(ids);
            for (std::string id; std::getline(list, id, ',');)
                a.proposals.push_back(id);
            for (std::size_t v = 0; v < voters; ++v) {
                if (!std::getline(in, line))
                    throw std::runtime_error(path + ": truncated at " + a.clues);
                a.codes.push_back(line);
            }
            a.target = index;
            into.assemblies.push_back(std::move(a));
        } else if (!kind.empty()) {
            throw std::runtime_error(path + ": unknown line «" + kind + "»");
        }
    }
    if (target.user.empty())
        throw std::runtime_error(path + ": no login line");
    into.targets.push_back(target);
}

} // namespace asamblea::loadgen
