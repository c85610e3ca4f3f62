#pragma once
/// The speakers' queue in SQLite: one row per request, moved between esperando, hablando,
/// atendida and retirada (never deleted), so the queue survives reloads and restarts.

#include "domain/assembly/floor_queue.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct floor_row {
    std::int64_t id = 0;
    std::int64_t attendee_id = 0;
    std::string nombre;
    std::string status; // esperando, hablando, atendida, retirada
    std::string requested_at;
    std::string started_at;
};

/// The open part of the queue: who speaks and who waits, in order.
struct floor_rows {
    std::optional<floor_row> current;
    std::vector<floor_row> waiting;

    /// The same queue as the domain sees it.
    domain::floor_queue queue() const;
};

floor_rows load_floor(SQLite::Database& db, std::int64_t assembly_id);

std::optional<floor_row> find_floor_request(SQLite::Database& db, std::int64_t assembly_id,
                                            std::int64_t id);

/// Queues a request; audited. A conflict (already_waiting) when the attendee already has an open
/// request.
domain::result<std::int64_t> insert_floor_request(write_context& ctx, const std::string& clues,
                                                  std::int64_t assembly_id,
                                                  std::int64_t attendee_id);

/// Marks a waiting request retirada; false when it was no longer waiting. Audited.
bool withdraw_floor_request(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                            std::int64_t id);

/// Withdraws the attendee's waiting request, if any (their credential was revoked); audited.
void withdraw_waiting_of(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                         std::int64_t attendee_id);

/// Ends the turn that ended (hablando → atendida) and starts the one that started (esperando →
/// hablando); false when either row was not in the expected status (the caller rolls back).
bool apply_floor_change(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                        const domain::floor_change& change);

} // namespace asamblea::store
