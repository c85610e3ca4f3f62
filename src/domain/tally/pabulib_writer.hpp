#pragma once
/// Writes an approval election as a pabulib file (https://pabulib.org/format), the way
/// parse_pabulib and pabutools read it back.

#include <string>
#include <utility>
#include <vector>

namespace asamblea::domain {

/// One project as the file states it: the cost already written in the file's unit ("1200.50").
struct pabulib_project_line {
    std::string id;
    std::string cost;
    std::string name;
};

/// What a file holds. Voter i (0-based) is written with voter_id i + 1.
struct pabulib_document {
    std::vector<std::pair<std::string, std::string>>
        meta; // in order, budget and vote_type included
    std::vector<pabulib_project_line> projects;
    std::vector<std::vector<std::string>> votes; // each voter's approved project ids
};

/// The text: META (key;value), PROJECTS (project_id;cost;name), VOTES (voter_id;vote), LF line
/// ends, fields with `;`, quotes or line breaks quoted with doubled quotes.
std::string write_pabulib(const pabulib_document& doc);

} // namespace asamblea::domain
