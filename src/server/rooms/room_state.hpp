#pragma once
/// The hot state of one assembly's room: the assembly summary, the current round with its counted
/// ballots, and the versioned snapshot built from them. Touched only on the room's strand.

#include "domain/error.hpp"
#include "server/ws/ws_peer.hpp"
#include "store/round_repo.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace asamblea::server {

/// A ballot checked against the round and ready to persist, or a resend already acknowledged.
struct prepared_ballot {
    std::int64_t round_id = 0;
    store::ballot_row row;
    std::vector<std::uint32_t> picks;
    bool duplicate = false; // same ballot_id seen before: answer with its receipt, write nothing
};

class room_state {
public:
    /// The assembly's summary as pages show it; reloaded after every committed command.
    struct summary {
        std::int64_t assembly_id = 0;
        int edition = 0;
        std::string state;
        std::string scheduled_at;
        int quorum_min = 0;
        std::int64_t attendance = 0;
        nlohmann::json floor; // the speakers' queue, or null
    };

    bool loaded() const { return loaded_; }
    const summary& info() const { return info_; }
    std::uint64_t version() const { return version_; }
    void bump() { ++version_; }

    /// Reads the summary and, when the current round changed, the round and its ballots.
    void load(SQLite::Database& db, const std::string& clues);
    /// Re-reads everything about the current round (after it was created, opened or closed).
    void reload_round(SQLite::Database& db);

    const std::optional<store::round_row>& round() const { return round_; }
    bool round_open() const;
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

    /// The receipt of a ballot in flight or committed with this id, to answer resends.
    std::optional<std::string> known_receipt(const std::string& voter_tag,
                                             const std::string& ballot_uid) const;

    /// This voter's counted ballot in the current round, for the welcome message.
    nlohmann::json my_ballots(const std::string& voter_tag) const;

    std::int64_t counted() const { return static_cast<std::int64_t>(counted_.size()); }

    /// The round as the wire shows it; results only when revealed or live.
    nlohmann::json round_json(const store::round_row& row, bool current) const;
    /// The full snapshot message text for every subscriber.
    std::string snapshot_message() const;
    /// The current round's results as the wire shows them (revealed, live, or null).
    nlohmann::json current_results(const store::round_row& row) const;

private:
    struct counted_ballot {
        std::vector<std::uint32_t> picks;
        std::vector<std::string> choices;
        std::string receipt;
        std::string ballot_uid;
    };

    bool loaded_ = false;
    summary info_;
    std::uint64_t version_ = 1;
    std::optional<store::round_row> round_;
    nlohmann::json round_spec_json_; // the current round's spec as JSON, built once per load
    std::uint64_t generation_ = 1;   // bumped by every load: invalidates the texts below
    mutable std::uint64_t cached_generation_ = 0;
    mutable std::string cached_head_;  // ,"assembly":…,"floor":… of the snapshot
    mutable std::string cached_round_; // the current round without ballots and results, open
    bool closing_ = false;
    std::unordered_map<std::string, counted_ballot> counted_; // voter tag → counted ballot
    std::unordered_map<std::string, std::string> receipts_;   // voter tag + '/' + uid → receipt
};

} // namespace asamblea::server
