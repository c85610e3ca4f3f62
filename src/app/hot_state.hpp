#pragma once
/// The hot state of one clinic's assembly: its summary, the current round and its counted
/// ballots. Plain data, touched only on the clinic's room strand; loaded from the store and
/// changed by commands after they commit.

#include "domain/assembly/assembly_state.hpp"
#include "domain/error.hpp"
#include "store/floor_repo.hpp"
#include "store/round_repo.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace asamblea::app {

/// A ballot checked against the round and ready to persist, or a resend already acknowledged.
struct prepared_ballot {
    std::int64_t round_id = 0;
    std::int64_t credential_id = 0;
    store::ballot_row row;
    std::vector<std::uint32_t> picks;
    bool duplicate = false; // same ballot_id seen before: answer with its receipt, write nothing
};

/// A voter's counted ballot in the current round.
struct counted_ballot {
    std::size_t slot = 0; // its picks in hot_state's list of every counted ballot's picks
    std::vector<std::string> choices;
    std::string receipt;
    std::string ballot_uid;
};

class hot_state {
public:
    /// The assembly's summary as pages show it; reloaded after every committed command.
    struct summary {
        std::int64_t assembly_id = 0; // 0: the clinic has no assembly yet
        int edition = 0;
        domain::assembly_state state = domain::assembly_state::convocada;
        std::string scheduled_at;
        int quorum_min = 0;
        std::int64_t attendance = 0;
        store::floor_rows floor; // the speakers' queue
        int speaker_seconds = 0;
        std::string loaded_at; // when the floor was read: its clocks run from here
    };

    bool loaded() const { return loaded_; }
    const summary& info() const { return info_; }
    std::uint64_t version() const { return version_; }
    void bump() { ++version_; }
    /// Where versions start: a room loaded again (after it was unloaded, or after a restart)
    /// starts past what its phones may remember, so a phone that knew an older version of the
    /// same number still gets the snapshot.
    void start_versions_at(std::uint64_t first) { version_ = first; }
    /// Changes whenever anything but the counted ballots changed (a load): views cache on it.
    std::uint64_t generation() const { return generation_; }
    /// Rises with every counted ballot between loads: with generation(), what the results of
    /// the current round depend on (views cache them on the pair).
    std::uint64_t counted_changes() const { return counted_changes_; }

    /// Reads the summary and, when the current assembly changed, the round and its ballots.
    void load(SQLite::Database& db, const std::string& clues);
    /// Re-reads everything about the current round (after it was created, opened or closed).
    void reload_round(SQLite::Database& db);

    const std::optional<store::round_row>& round() const { return round_; }
    bool round_open() const;
    /// Set while a close is queued: new ballots are refused from then on.
    void set_closing(bool closing) { closing_ = closing; }

    /// Checks a ballot from a voter against the open round. `voter_tag` identifies the voter in
    /// this round without naming them; `receipt` is used only if the ballot is new.
    domain::result<prepared_ballot> prepare_ballot(std::int64_t round_id,
                                                   const std::string& voter_tag,
                                                   const std::string& ballot_uid,
                                                   const std::vector<std::string>& choices,
                                                   std::string receipt) const;
    /// Counts a committed ballot, replacing the voter's earlier one.
    void apply_ballot(const prepared_ballot& b);

    /// Ballots this voter has sent in the current round, stored or still on their way to the
    /// store: what domain::check_ballot_count caps (resends of one ballot count once).
    int ballots_sent(const std::string& voter_tag) const;
    /// A new ballot takes its place under the cap when it is prepared (a command's prepare)...
    void reserve_ballot(const std::string& voter_tag, const std::string& ballot_uid);
    /// ... and gives it back when it is not stored after all (the command's abandon).
    void release_ballot(const std::string& voter_tag, const std::string& ballot_uid);

    /// The receipt of a ballot committed with this id, to answer resends.
    std::optional<std::string> known_receipt(const std::string& voter_tag,
                                             const std::string& ballot_uid) const;

    /// This voter's counted ballot in the current round, if any.
    const counted_ballot* counted_for(const std::string& voter_tag) const;
    std::int64_t counted() const { return static_cast<std::int64_t>(counted_.size()); }

    /// The open round's result so far, when it shows live results.
    std::optional<domain::round_result> live_result(const store::round_row& row) const;

private:
    /// Counts a voter's ballot, in place of their earlier one.
    void count(const std::string& voter_tag, std::vector<std::uint32_t> picks,
               std::vector<std::string> choices, std::string receipt, std::string ballot_uid);

    bool loaded_ = false;
    summary info_;
    std::uint64_t version_ = 1;
    std::uint64_t generation_ = 1;
    std::uint64_t counted_changes_ = 0;
    std::optional<store::round_row> round_;
    bool closing_ = false;
    std::unordered_map<std::string, counted_ballot> counted_; // voter tag → counted ballot
    // The option indices of every counted ballot (counted_ballot::slot), as the tally takes
    // them: a live result is made for every counted ballot, without copying them all.
    std::vector<std::vector<std::uint32_t>> picks_;
    // Each option's votes among the counted ballots (what picks_ count), kept as ballots are
    // counted and replaced: the live result of the greedy budget or a motion needs only these.
    std::vector<std::int64_t> votes_;
    std::unordered_map<std::string, std::string> receipts_; // voter tag + '/' + uid → receipt
    // The ballot ids each voter sent in the current round: stored ones are read back from the
    // store on a load; those on their way live only here and survive a reload.
    struct sent_ballots {
        std::unordered_set<std::string> stored, in_flight;
    };
    std::unordered_map<std::string, sent_ballots> sent_; // voter tag → ballot ids
};

} // namespace asamblea::app
