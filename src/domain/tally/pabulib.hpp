#pragma once
/// Reads participatory-budgeting files in the pabulib format (approval ballots only).

#include "domain/error.hpp"
#include "domain/tally/budget_election.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asamblea::domain {

/// A parsed pabulib file: its META pairs in file order, project names, and the election itself.
/// The election's amounts (budget and costs) are the file's times 10^decimals, where `decimals`
/// is the most any of them is written with ("216829.41": 2), so they count exactly.
struct pabulib_instance {
    std::vector<std::pair<std::string, std::string>> meta;
    std::vector<std::string> project_names; // parallel to election.projects; empty when absent
    budget_election election;
    int decimals = 0;

    /// The election's units per unit of the file (10^decimals): mes-add1 steps by this much, one
    /// unit of the file, as pabutools does.
    std::int64_t unit() const {
        std::int64_t u = 1;
        for (int i = 0; i < decimals; ++i)
            u *= 10;
        return u;
    }
};

/// Parses the text of a .pb file: sections META, PROJECTS and VOTES, `;`-separated fields with CSV
/// quoting, LF or CRLF line ends, an optional UTF-8 byte-order mark. Only vote_type "approval" is
/// accepted (and "choose-1", ballots of one approval each, as pabutools reads them). Budget and
/// costs may have decimals (a point or, as pabutools reads them, a comma); scaled to whole units
/// they must stay within max_budget_amount. Every error message names the line it refers to.
result<pabulib_instance> parse_pabulib(std::string_view text);

} // namespace asamblea::domain
