#pragma once
/// Red flags for auditors: reading an edition's flags (with their reviews), setting the
/// edition's thresholds and marking a flag reviewed (the coordinators'; both audited in the chain
/// of no clinic).

#include "app/command.hpp"
#include "domain/audit/red_flags.hpp"
#include "store/red_flag_repo.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::app {

struct red_flag_report {
    int edition = 0;
    std::string state; // the filter, empty for every state
    std::string deadline;
    std::string today;
    domain::flag_thresholds thresholds;
    bool thresholds_set = false; // false: the defaults
    std::vector<domain::red_flag> flags;
    std::map<std::string, store::flag_review_row> reviews; // by flag key
    std::vector<std::string> states; // every state with a work in the edition, for the filter
};

/// The edition's flags (nullopt: the newest edition with work items, else today's year), only
/// those touching a clinic of `state` when it is not empty. invalid edition_invalid outside
/// 2000–9999.
domain::result<red_flag_report> read_red_flags(SQLite::Database& db, std::optional<int> edition,
                                               const std::string& state, const std::string& today);

/// The input detect_red_flags reads for the edition (nullopt as read_red_flags chooses it), for
/// a merge of every shard's (app/transparency/national_merge).
domain::result<domain::flag_input> read_flag_input(SQLite::Database& db, std::optional<int> edition,
                                                   const std::string& today);

/// The report of an input already read (one shard's or every shard's merged), with the
/// edition's reviews, narrowed to the flags touching `state` when it is not empty.
red_flag_report report_red_flags(const domain::flag_input& in, bool thresholds_set,
                                 std::vector<store::flag_review_row> reviews,
                                 const std::string& state);

/// Nothing to carry back: these commands change no assembly.
struct red_flag_event {};

/// Sets the edition's thresholds (checked by domain::check_thresholds); audited as
/// "red_flag.thresholds_set" with the previous values.
command<red_flag_event> set_flag_thresholds(int edition, domain::flag_thresholds t,
                                            std::int64_t user_id);

/// Marks the flag `key` of the edition reviewed with a note (1–1000 characters), replacing an
/// earlier review; audited as "red_flag.reviewed". not_found flag_not_found unless the flag is
/// raised today; forbidden flag_out_of_scope when `clinic_scope` (a coordinator's clinics;
/// empty for a national one) misses one of the flag's clinics. `raised`: the flags as every
/// shard of a fleet raises them (server/fleet/national_reads), instead of this database's.
command<red_flag_event> review_red_flag(int edition, std::string key, std::string note,
                                        std::int64_t user_id, std::vector<std::string> clinic_scope,
                                        std::string today,
                                        std::optional<std::vector<domain::red_flag>> raised = {});

} // namespace asamblea::app
