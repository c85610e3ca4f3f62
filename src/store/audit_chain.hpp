#pragma once
/// The bitácora: one hash chain per clinic (and one for events of no clinic). Each event's hash =
/// sha256(the previous hash of the same chain + the event's canonical JSON), so a clinic's chain
/// can be published, checked by anyone and moved between databases on its own.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace asamblea::store {

/// The newest link of a chain; the genesis head has seq 0 and a hash of 64 zeros.
struct chain_head {
    std::int64_t seq = 0;
    std::string hash = std::string(64, '0');
};

/// Appends events on the write connection; owned by the writer thread.
class audit_chain {
public:
    /// Reads each chain's head from `db` when it is first appended to.
    explicit audit_chain(SQLite::Database& db) : db_(db) {}

    /// Appends one event to the chain of `clues` ("" for events of no clinic) inside the
    /// caller's transaction and advances that chain's head.
    void append(std::string_view at, std::string_view type, std::string_view clues,
                const nlohmann::json& payload);
    /// The same with `insert_sql` already prepared on the caller's connection and the payload
    /// already written as dump() would write it (sorted keys, no spaces): what `verify_chains`
    /// recomputes from the parsed payload must be this text.
    void append_text(SQLite::Statement& insert, std::string_view at, std::string_view type,
                     std::string_view clues, std::string payload_text);
    static constexpr const char* insert_sql = "INSERT INTO audit_events (at, type, clues, "
                                              "payload, chain_seq, prev_hash, hash) VALUES (?, "
                                              "?, ?, ?, ?, ?, ?)";

    /// The head of one clinic's chain as this writer knows it.
    chain_head head(std::string_view clues);

    /// A point to roll the heads back to if the rows appended after it are rolled back.
    std::size_t mark() const { return undo_.size(); }
    /// Restores the heads of `mark()` after the caller rolled back the rows appended since.
    void rollback(std::size_t mark);
    /// Forgets every remembered head (another connection appended); only between batches.
    void forget_heads() { heads_.clear(); }
    /// Forgets the undo log once the rows are committed.
    void committed() { undo_.clear(); }

private:
    chain_head& head_slot(std::string_view clues);

    SQLite::Database& db_;
    std::unordered_map<std::string, chain_head> heads_;
    std::vector<std::pair<std::string, chain_head>> undo_;
};

/// The canonical text that is hashed for one event (sorted keys, no spaces). `seq` is the
/// event's position in its clinic's chain (in the global one for events before schema 8).
std::string canonical_event(std::int64_t seq, std::string_view at, std::string_view type,
                            std::string_view clues, const nlohmann::json& payload);
/// The same from the payload's `dump()`.
std::string canonical_event_text(std::int64_t seq, std::string_view at, std::string_view type,
                                 std::string_view clues, std::string_view payload_text);

/// Outcome of recomputing one chain.
struct chain_check {
    std::string clues;   // "" for events of no clinic
    bool legacy = false; // the single global chain of events stored before schema 8
    bool ok = true;
    std::int64_t events = 0;
    std::int64_t first_bad_seq = 0; // position in the chain of the first bad event
    std::string problem;            // why it is bad, in Spanish
    chain_head head;
};

/// Every chain of a database, recomputed.
struct audit_check {
    std::vector<chain_check> chains; // the legacy chain first (when there is one), then by clues
    bool ok() const;
    std::int64_t events() const;
    /// The chain of one clinic, if it has any event.
    const chain_check* find(std::string_view clues) const;
};

/// Recomputes every link of every chain from the stored events; each chain stops at its
/// first mismatch.
audit_check verify_chains(SQLite::Database& db);

/// One stored event of a clinic's chain, as published.
struct chain_event {
    std::int64_t seq = 0;
    std::string at;
    std::string type;
    std::string clues;
    nlohmann::json payload;
    std::string prev_hash;
    std::string hash;
};

/// The published form of an event (GET /api/c/{clues}/chain, `asamblea verify --chain`).
nlohmann::json chain_event_to_json(const chain_event& e);
/// Reads the published form; throws nlohmann::json::exception on a malformed event.
chain_event chain_event_from_json(const nlohmann::json& j);

/// Checks a sequence of events that claims to be one clinic's chain from its start (as read
/// from the database or from a published file).
chain_check check_chain(std::string clues, const std::vector<chain_event>& events);

/// The events of one clinic's chain in order (those stored since schema 8).
std::vector<chain_event> read_chain(SQLite::Database& db, std::string_view clues);

/// The newest stored event of a clinic's chain (the genesis head when there is none).
chain_head read_chain_head(SQLite::Database& db, std::string_view clues);

/// The clinic ("" for no clinic) whose chain holds the event with this hash, if any does.
std::optional<std::string> chain_holding(SQLite::Database& db, std::string_view hash);

/// The event that closed an assembly (its transition to «cerrada»), if it was closed: an acta
/// cites it, so every copy printed after the close names the same link.
std::optional<chain_head> closing_event(SQLite::Database& db, std::string_view clues,
                                        std::int64_t assembly_id);

} // namespace asamblea::store
