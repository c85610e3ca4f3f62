#pragma once
/// What a queued write command sees: the write connection inside its batch, and the audit chain.

#include "store/audit_chain.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace asamblea::store {

class write_context {
public:
    write_context(SQLite::Database& db, audit_chain& chain, std::string now)
        : db_(db), chain_(chain), now_(std::move(now)) {}

    SQLite::Database& db() { return db_; }

    /// The batch's timestamp (UTC ISO 8601), shared by every row the command writes.
    const std::string& now() const { return now_; }

    /// Appends an event to the audit chain; it is rolled back with the command if the command
    /// fails.
    void audit(std::string_view type, std::string_view clues, const nlohmann::json& payload) {
        chain_.append(db_, now_, type, clues, payload);
    }

private:
    SQLite::Database& db_;
    audit_chain& chain_;
    std::string now_;
};

} // namespace asamblea::store
