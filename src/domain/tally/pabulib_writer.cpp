#include "domain/tally/pabulib_writer.hpp"

namespace asamblea::domain {

namespace {

// A field the reader would split or misread goes in quotes; a leading quote would start one.
std::string field(const std::string& s) {
    if (s.find_first_of(";\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

std::string write_pabulib(const pabulib_document& doc) {
    std::string out = "META\nkey;value\n";
    for (const auto& [key, value] : doc.meta)
        out += field(key) + ";" + field(value) + "\n";
    out += "PROJECTS\nproject_id;cost;name\n";
    for (const auto& p : doc.projects)
        out += field(p.id) + ";" + field(p.cost) + ";" + field(p.name) + "\n";
    out += "VOTES\nvoter_id;vote\n";
    for (std::size_t i = 0; i < doc.votes.size(); ++i) {
        std::string vote;
        for (const auto& id : doc.votes[i])
            vote += (vote.empty() ? "" : ",") + id;
        out += std::to_string(i + 1) + ";" + field(vote) + "\n";
    }
    return out;
}

} // namespace asamblea::domain
