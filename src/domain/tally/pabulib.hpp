#pragma once
/// Reads participatory-budgeting files in the pabulib format (approval ballots only).

#include "domain/error.hpp"
#include "domain/tally/budget_election.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asamblea::domain {

/// A parsed pabulib file: its META pairs in file order, project names, and the election itself.
struct pabulib_instance {
    std::vector<std::pair<std::string, std::string>> meta;
    std::vector<std::string> project_names; // parallel to election.projects; empty when absent
    budget_election election;
};

/// Parses the text of a .pb file: sections META, PROJECTS and VOTES, `;`-separated fields with CSV
/// quoting, LF or CRLF line ends, an optional UTF-8 byte-order mark. Only vote_type "approval" is
/// accepted. Every error message names the line it refers to.
result<pabulib_instance> parse_pabulib(std::string_view text);

} // namespace asamblea::domain
