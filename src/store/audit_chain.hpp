#pragma once
/// The bitácora: a hash chain of events, each hash = sha256(previous hash + canonical event JSON).

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asamblea::store {

/// The newest link of the chain; the genesis head has seq 0 and a hash of 64 zeros.
struct chain_head {
    std::int64_t seq = 0;
    std::string hash = std::string(64, '0');
};

/// Appends events on the write connection; owned by the writer thread.
class audit_chain {
public:
    /// Reads the current head from the database.
    explicit audit_chain(SQLite::Database& db);

    /// Appends one event inside the caller's transaction and advances the head.
    void append(SQLite::Database& db, std::string_view at, std::string_view type,
                std::string_view clues, const nlohmann::json& payload);
    /// The same with `insert_sql` already prepared on the caller's connection.
    void append(SQLite::Statement& insert, std::string_view at, std::string_view type,
                std::string_view clues, const nlohmann::json& payload);
    static constexpr const char* insert_sql = "INSERT INTO audit_events (seq, at, type, clues, "
                                              "payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, "
                                              "?, ?)";

    const chain_head& head() const { return head_; }
    /// Restores the head after the caller rolled back the rows appended since `h`.
    void reset(chain_head h) { head_ = std::move(h); }

private:
    chain_head head_;
};

/// The canonical text that is hashed for one event (sorted keys, no spaces).
std::string canonical_event(std::int64_t seq, std::string_view at, std::string_view type,
                            std::string_view clues, const nlohmann::json& payload);

/// Outcome of recomputing the whole chain.
struct chain_check {
    bool ok = true;
    std::int64_t events = 0;
    std::int64_t first_bad_seq = 0;
    chain_head head;
};

/// Recomputes every link from the stored events; stops at the first mismatch.
chain_check verify_chain(SQLite::Database& db);

/// The newest stored event (the genesis head when there is none).
chain_head read_chain_head(SQLite::Database& db);

/// The event that closed an assembly (its transition to «cerrada»), if it was closed: an acta
/// cites it, so every copy printed after the close names the same link.
std::optional<chain_head> closing_event(SQLite::Database& db, std::string_view clues,
                                        std::int64_t assembly_id);

} // namespace asamblea::store
