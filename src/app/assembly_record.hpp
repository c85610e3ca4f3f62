#pragma once
/// An assembly as its record stands, for the acta and the clinic's public page: attendance and
/// quorum, its closed rounds, the committee it elected. Reads only.

#include "domain/error.hpp"
#include "store/assembly_repo.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::app {

struct assembly_record {
    store::assembly_row assembly;
    std::int64_t attendance = 0; // attendees holding an active credential
    bool quorum_met = false;
    std::vector<store::round_row> rounds;      // the closed rounds, oldest first
    std::vector<store::member_row> committee;  // the term's members whose result is public
    std::vector<store::assembly_row> editions; // every assembly of the clinic, newest first
};

/// The assembly a clinic's record shows: the `edition` asked for (not_found, no_assembly, when
/// the clinic has none that year), else the newest closed one (what the community last
/// decided), else the newest. not_found (no_assembly) when the clinic has none at all.
domain::result<assembly_record> read_assembly_record(SQLite::Database& db, const std::string& clues,
                                                     std::optional<int> edition);

} // namespace asamblea::app
