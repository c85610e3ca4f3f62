#include "store/audit_chain.hpp"

#include "store/crypto.hpp"
#include "store/moved_ids.hpp"
#include "text/json_text.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace asamblea::store {

std::string canonical_event_text(std::int64_t seq, std::string_view at, std::string_view type,
                                 std::string_view clues, std::string_view payload_text) {
    // What dump() makes of the object {seq, at, type, clues, payload}: nlohmann::json objects
    // keep keys sorted and write no spaces. Written as text so that a ballot's payload is not
    // copied into a tree and serialized twice on the writer's thread (2 % of a server's CPU),
    // and each string without a JSON value of its own (issue 19).
    std::string out;
    out.reserve(96 + at.size() + type.size() + clues.size() + payload_text.size());
    out += R"({"at":)";
    text::append_json_string(out, at);
    out += R"(,"clues":)";
    if (clues.empty())
        out += "null";
    else
        text::append_json_string(out, clues);
    out += R"(,"payload":)";
    out += payload_text;
    out += R"(,"seq":)";
    out += std::to_string(seq);
    out += R"(,"type":)";
    text::append_json_string(out, type);
    out += '}';
    return out;
}

std::string canonical_event(std::int64_t seq, std::string_view at, std::string_view type,
                            std::string_view clues, const nlohmann::json& payload) {
    return canonical_event_text(seq, at, type, clues, payload.dump());
}

chain_head read_chain_head(SQLite::Database& db, std::string_view clues) {
    chain_head head;
    // Served by the partial index audit_chain_position (migration 8).
    SQLite::Statement q(db, "SELECT chain_seq, hash FROM audit_events WHERE coalesce(clues, '') = "
                            "? AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1");
    q.bind(1, std::string(clues));
    if (q.executeStep()) {
        head.seq = q.getColumn(0).getInt64();
        head.hash = q.getColumn(1).getString();
    }
    return head;
}

std::optional<std::string> chain_holding(SQLite::Database& db, std::string_view hash) {
    // A scan (migration 14 dropped the index on hash): only `asamblea verify --head` asks, once,
    // and it reads every chain anyway.
    SQLite::Statement q(db, "SELECT coalesce(clues, '') FROM audit_events WHERE hash = ? AND "
                            "chain_seq IS NOT NULL");
    q.bind(1, std::string(hash));
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getString();
}

std::optional<chain_head> closing_event(SQLite::Database& db, std::string_view clues,
                                        std::int64_t assembly_id) {
    // A clinic moved in from another shard: its events name the ids it had there, which the
    // move-in event maps to this shard's (an old id may be another assembly's id here).
    SQLite::Statement moved(db, "SELECT 1 FROM clinic_moves WHERE clues = ? AND direction = 'in'");
    moved.bind(1, std::string(clues));
    if (moved.executeStep()) {
        std::optional<chain_head> found;
        for (const auto& e : with_moved_ids(read_chain(db, clues)))
            if (e.type == "assembly.transition" &&
                e.payload.value("assembly_id", std::int64_t{0}) == assembly_id &&
                e.payload.value("to", "") == "cerrada")
                found = chain_head{e.seq, e.hash};
        return found;
    }
    // The latest close counts: a closed assembly is not reopened today, but the chain would say.
    // An assembly closed before schema 8 is cited by its place in the old global chain.
    SQLite::Statement q(db, "SELECT coalesce(chain_seq, seq), hash FROM audit_events WHERE type = "
                            "'assembly.transition' AND clues = ? AND "
                            "json_extract(payload, '$.assembly_id') = ? AND "
                            "json_extract(payload, '$.to') = 'cerrada' ORDER BY seq DESC LIMIT 1");
    q.bind(1, std::string(clues));
    q.bind(2, static_cast<int64_t>(assembly_id));
    if (!q.executeStep())
        return std::nullopt;
    return chain_head{q.getColumn(0).getInt64(), q.getColumn(1).getString()};
}

chain_head& audit_chain::head_slot(std::string_view clues) {
    auto it = heads_.find(std::string(clues));
    if (it == heads_.end())
        it = heads_.emplace(std::string(clues), read_chain_head(db_, clues)).first;
    return it->second;
}

chain_head audit_chain::head(std::string_view clues) {
    return head_slot(clues);
}

void audit_chain::append(std::string_view at, std::string_view type, std::string_view clues,
                         const nlohmann::json& payload) {
    SQLite::Statement ins(db_, insert_sql);
    append_text(ins, at, type, clues, payload.dump());
}

void audit_chain::append_text(SQLite::Statement& ins, std::string_view at, std::string_view type,
                              std::string_view clues, std::string payload_text) {
    auto& head = head_slot(clues);
    std::int64_t seq = head.seq + 1;
    std::string linked = head.hash;
    linked += canonical_event_text(seq, at, type, clues, payload_text);
    std::string hash = sha256_hex(linked);
    ins.bind(1, std::string(at));
    ins.bind(2, std::string(type));
    if (clues.empty())
        ins.bind(3);
    else
        ins.bind(3, std::string(clues));
    ins.bind(4, payload_text);
    ins.bind(5, seq);
    ins.bind(6, head.hash);
    ins.bind(7, hash);
    ins.exec();
    undo_.emplace_back(std::string(clues), head);
    head = {seq, std::move(hash)};
}

void audit_chain::rollback(std::size_t mark) {
    while (undo_.size() > mark) {
        heads_[undo_.back().first] = std::move(undo_.back().second);
        undo_.pop_back();
    }
}

nlohmann::json chain_event_to_json(const chain_event& e) {
    return {{"seq", e.seq},     {"at", e.at},           {"type", e.type},
            {"clues", e.clues}, {"payload", e.payload}, {"prev_hash", e.prev_hash},
            {"hash", e.hash}};
}

chain_event chain_event_from_json(const nlohmann::json& j) {
    return {j.at("seq").get<std::int64_t>(),
            j.at("at").get<std::string>(),
            j.at("type").get<std::string>(),
            j.at("clues").get<std::string>(),
            j.at("payload"),
            j.at("prev_hash").get<std::string>(),
            j.at("hash").get<std::string>()};
}

namespace {

// Links `events` onto check.head one by one, stopping at the first that does not link. A clinic's
// chain holds only its own events; the global chain of events before schema 8 holds every clinic's.
void link_events(chain_check& check, const std::vector<chain_event>& events, bool one_clinic) {
    for (const auto& e : events) {
        auto bad = [&](std::string why) {
            check.ok = false;
            check.first_bad_seq = check.head.seq + 1;
            check.problem = std::move(why);
        };
        if (one_clinic && e.clues != check.clues)
            return bad("el evento " + std::to_string(e.seq) + " es de otra unidad");
        if (e.seq != check.head.seq + 1)
            return bad("falta el evento " + std::to_string(check.head.seq + 1) + " (sigue el " +
                       std::to_string(e.seq) + ")");
        if (e.prev_hash != check.head.hash)
            return bad("el evento " + std::to_string(e.seq) + " no enlaza con el anterior");
        std::string expected =
            sha256_hex(check.head.hash + canonical_event(e.seq, e.at, e.type, e.clues, e.payload));
        if (e.hash != expected)
            return bad("el evento " + std::to_string(e.seq) + " («" + e.type + "») fue modificado");
        check.head = {e.seq, expected};
        ++check.events;
    }
}

} // namespace

chain_check check_chain(std::string clues, const std::vector<chain_event>& events) {
    chain_check check;
    check.clues = std::move(clues);
    link_events(check, events, true);
    return check;
}

namespace {

chain_event read_event(SQLite::Statement& q) {
    chain_event e;
    e.seq = q.getColumn(0).getInt64();
    e.at = q.getColumn(1).getString();
    e.type = q.getColumn(2).getString();
    e.clues = q.getColumn(3).getString();
    e.payload = nlohmann::json::parse(q.getColumn(4).getString());
    e.prev_hash = q.getColumn(5).getString();
    e.hash = q.getColumn(6).getString();
    return e;
}

} // namespace

std::vector<chain_event> read_chain(SQLite::Database& db, std::string_view clues) {
    SQLite::Statement q(db, "SELECT chain_seq, at, type, coalesce(clues, ''), payload, prev_hash, "
                            "hash FROM audit_events WHERE coalesce(clues, '') = ? AND chain_seq "
                            "IS NOT NULL ORDER BY chain_seq");
    q.bind(1, std::string(clues));
    std::vector<chain_event> out;
    while (q.executeStep())
        out.push_back(read_event(q));
    return out;
}

audit_check verify_chains(SQLite::Database& db) {
    audit_check out;
    // Events stored before schema 8 form one global chain, numbered by their row.
    {
        SQLite::Statement q(db, "SELECT seq, at, type, coalesce(clues, ''), payload, prev_hash, "
                                "hash FROM audit_events WHERE chain_seq IS NULL ORDER BY seq");
        std::vector<chain_event> events;
        while (q.executeStep())
            events.push_back(read_event(q));
        if (!events.empty()) {
            chain_check legacy;
            legacy.legacy = true;
            link_events(legacy, events, false);
            out.chains.push_back(std::move(legacy));
        }
    }
    std::vector<std::string> names;
    {
        SQLite::Statement q(db, "SELECT DISTINCT coalesce(clues, '') FROM audit_events WHERE "
                                "chain_seq IS NOT NULL ORDER BY 1");
        while (q.executeStep())
            names.push_back(q.getColumn(0).getString());
    }
    for (auto& clues : names) {
        auto events = read_chain(db, clues);
        out.chains.push_back(check_chain(clues, events));
    }
    return out;
}

bool audit_check::ok() const {
    return std::all_of(chains.begin(), chains.end(), [](const auto& c) { return c.ok; });
}

std::int64_t audit_check::events() const {
    std::int64_t n = 0;
    for (const auto& c : chains)
        n += c.events;
    return n;
}

const chain_check* audit_check::find(std::string_view clues) const {
    for (const auto& c : chains)
        if (!c.legacy && c.clues == clues)
            return &c;
    return nullptr;
}

} // namespace asamblea::store
