#pragma once
/// What a queued write command sees: the write connection inside its batch, and the audit chain.

#include "store/audit_chain.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace asamblea::store {

/// Prepared statements of one connection, compiled once and reused (hot paths such as a ballot
/// run the same few statements thousands of times a second).
class statement_cache {
public:
    explicit statement_cache(SQLite::Database& db) : db_(db) {}
    /// The statement for `sql`, reset and with no bindings.
    SQLite::Statement& get(const std::string& sql) {
        auto& slot = statements_[sql];
        if (!slot) {
            slot = std::make_unique<SQLite::Statement>(db_, sql);
        } else {
            slot->reset();
            slot->clearBindings();
        }
        return *slot;
    }
    /// Resets every statement, so none holds the database busy past its command.
    void reset_all() {
        // tryReset, not reset: sqlite3_reset returns the last step's error (a statement refused
        // by a UNIQUE constraint answers SQLITE_CONSTRAINT again), and reset() would throw it,
        // failing the whole batch instead of the one command that hit it.
        for (auto& [sql, q] : statements_)
            (void)q->tryReset();
    }

private:
    SQLite::Database& db_;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

class write_context {
public:
    write_context(SQLite::Database& db, audit_chain& chain, std::string now,
                  statement_cache* cache = nullptr)
        : db_(db), chain_(chain), now_(std::move(now)), cache_(cache) {}

    SQLite::Database& db() { return db_; }

    /// A prepared statement of the write connection, reused across commands and batches.
    SQLite::Statement& statement(const std::string& sql) {
        if (!cache_) {
            own_ = std::make_unique<statement_cache>(db_);
            cache_ = own_.get();
        }
        return cache_->get(sql);
    }

    /// The batch's timestamp (UTC ISO 8601), shared by every row the command writes.
    const std::string& now() const { return now_; }

    /// Appends an event to the clinic's audit chain ("" for events of no clinic); it is rolled
    /// back with the command if the command fails.
    void audit(std::string_view type, std::string_view clues, const nlohmann::json& payload) {
        audit_text(type, clues, payload.dump());
    }

    /// The same with the payload written by hand as dump() writes it (the ballot's event).
    void audit_text(std::string_view type, std::string_view clues, std::string payload_text) {
        chain_.append_text(statement(audit_chain::insert_sql), now_, type, clues,
                           std::move(payload_text));
    }

private:
    SQLite::Database& db_;
    audit_chain& chain_;
    std::string now_;
    statement_cache* cache_;
    std::unique_ptr<statement_cache> own_;
};

} // namespace asamblea::store
