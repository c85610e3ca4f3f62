#include "store/audit_chain.hpp"

#include "store/crypto.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::string canonical_event(std::int64_t seq, std::string_view at, std::string_view type,
                            std::string_view clues, const nlohmann::json& payload) {
    // nlohmann::json objects keep keys sorted, so dump() is canonical for our purposes.
    nlohmann::json event = {
        {"seq", seq},
        {"at", at},
        {"type", type},
        {"clues", clues.empty() ? nlohmann::json(nullptr) : nlohmann::json(clues)},
        {"payload", payload}};
    return event.dump();
}

audit_chain::audit_chain(SQLite::Database& db) : head_(read_chain_head(db)) {}

chain_head read_chain_head(SQLite::Database& db) {
    chain_head head;
    SQLite::Statement q(db, "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1");
    if (q.executeStep()) {
        head.seq = q.getColumn(0).getInt64();
        head.hash = q.getColumn(1).getString();
    }
    return head;
}

std::optional<chain_head> closing_event(SQLite::Database& db, std::string_view clues,
                                        std::int64_t assembly_id) {
    // The latest close counts: a closed assembly is not reopened today, but the chain would say.
    SQLite::Statement q(db, "SELECT seq, hash FROM audit_events WHERE type = "
                            "'assembly.transition' AND clues = ? AND "
                            "json_extract(payload, '$.assembly_id') = ? AND "
                            "json_extract(payload, '$.to') = 'cerrada' ORDER BY seq DESC LIMIT 1");
    q.bind(1, std::string(clues));
    q.bind(2, static_cast<int64_t>(assembly_id));
    if (!q.executeStep())
        return std::nullopt;
    return chain_head{q.getColumn(0).getInt64(), q.getColumn(1).getString()};
}

void audit_chain::append(SQLite::Database& db, std::string_view at, std::string_view type,
                         std::string_view clues, const nlohmann::json& payload) {
    SQLite::Statement ins(db, insert_sql);
    append(ins, at, type, clues, payload);
}

void audit_chain::append(SQLite::Statement& ins, std::string_view at, std::string_view type,
                         std::string_view clues, const nlohmann::json& payload) {
    std::int64_t seq = head_.seq + 1;
    std::string text = canonical_event(seq, at, type, clues, payload);
    std::string hash = sha256_hex(head_.hash + text);
    ins.bind(1, seq);
    ins.bind(2, std::string(at));
    ins.bind(3, std::string(type));
    if (clues.empty())
        ins.bind(4);
    else
        ins.bind(4, std::string(clues));
    ins.bind(5, payload.dump());
    ins.bind(6, head_.hash);
    ins.bind(7, hash);
    ins.exec();
    head_ = {seq, std::move(hash)};
}

chain_check verify_chain(SQLite::Database& db) {
    chain_check check;
    SQLite::Statement q(db, "SELECT seq, at, type, coalesce(clues, ''), payload, prev_hash, hash "
                            "FROM audit_events ORDER BY seq");
    while (q.executeStep()) {
        std::int64_t seq = q.getColumn(0).getInt64();
        std::string text = canonical_event(seq, q.getColumn(1).getString(),
                                           q.getColumn(2).getString(), q.getColumn(3).getString(),
                                           nlohmann::json::parse(q.getColumn(4).getString()));
        std::string expected = sha256_hex(check.head.hash + text);
        if (seq != check.head.seq + 1 || q.getColumn(5).getString() != check.head.hash ||
            q.getColumn(6).getString() != expected) {
            check.ok = false;
            check.first_bad_seq = seq;
            return check;
        }
        check.head = {seq, expected};
        ++check.events;
    }
    return check;
}

} // namespace asamblea::store
