#pragma once
/// National views over every shard (docs/architecture.md «Shards»): each shard computes its own
/// part from its own database and the shard that answers merges the parts. Pure: sums,
/// concatenations, re-sorting and paging over the merged rows, so every shard gives the same
/// answer from the same parts whatever their order.

#include "app/transparency/national_followup.hpp"
#include "domain/audit/red_flags.hpp"
#include "store/national_repo.hpp"

#include <optional>
#include <vector>

namespace asamblea::app {

/// The coordinator's dashboard from each shard's page read with the same filter (the same
/// `after` and `limit`): totals summed, rows merged by CLUES and cut to `limit`; `next_after`
/// set when any shard had more or the merge exceeds the limit.
store::national_dashboard merge_dashboards(std::vector<store::national_dashboard> parts, int limit);

/// The assemblies of the national view: every shard's clinics by CLUES, totals recomputed.
national_live merge_live(std::vector<national_live> parts);

/// The follow-up of the national view. Without an asked edition it is the newest with a closed
/// assembly on any shard; a shard whose own newest is older has no closed assembly in it, so
/// its clinics (of its own newest edition) are left out. Editions: the union, newest first.
national_followup merge_followups(std::vector<national_followup> parts,
                                  std::optional<int> asked_edition);

/// The red flags' input over every shard: the clinics of all (by state, CLUES, as one shard
/// orders them) and their uses in other editions. Parts of another edition than `edition` are
/// left out (the same reasoning as merge_followups). deadline, today and thresholds are the
/// first part's of the edition; the caller puts the shard that holds them first.
domain::flag_input merge_flag_inputs(std::vector<domain::flag_input> parts, int edition);

} // namespace asamblea::app
