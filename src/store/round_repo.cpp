#include "store/round_repo.hpp"

#include "store/round_codec.hpp"
#include "store/sql_text.hpp"
#include "text/json_text.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace asamblea::store {
namespace {

domain::status conflict(std::string code, std::string message) {
    return domain::fail(domain::error_kind::conflict, std::move(code), std::move(message));
}

constexpr const char* round_columns = "id, assembly_id, spec, status, live_results, opened_at, "
                                      "closes_at, closed_at, revealed_at, result, cancelled_at";

round_row read_round(SQLite::Statement& q) {
    round_row r;
    r.id = q.getColumn(0).getInt64();
    r.assembly_id = q.getColumn(1).getInt64();
    r.spec = spec_from_json(nlohmann::json::parse(q.getColumn(2).getString()));
    r.status = domain::parse_round_status(q.getColumn(3).getString())
                   .value_or(domain::round_status::preparada);
    r.live_results = q.getColumn(4).getInt() != 0;
    r.opened_at = text_or_empty(q, 5);
    r.closes_at = text_or_empty(q, 6);
    r.closed_at = text_or_empty(q, 7);
    r.revealed_at = text_or_empty(q, 8);
    if (!q.getColumn(9).isNull())
        r.result = recorded_from_json(nlohmann::json::parse(q.getColumn(9).getString()));
    // Stored as a voided 'preparada' row (migration 5); everyone above the store sees cancelada.
    r.cancelled_at = text_or_empty(q, 10);
    if (!r.cancelled_at.empty())
        r.status = domain::round_status::cancelada;
    return r;
}

std::string round_status_of(SQLite::Database& db, std::int64_t round_id) {
    SQLite::Statement q(db, "SELECT CASE WHEN cancelled_at IS NULL THEN status ELSE 'cancelada' "
                            "END FROM rounds WHERE id = ?");
    q.bind(1, static_cast<int64_t>(round_id));
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

std::vector<ballot_row> read_ballots(SQLite::Statement& q) {
    std::vector<ballot_row> out;
    while (q.executeStep()) {
        ballot_row b;
        b.voter_tag = q.getColumn(0).getString();
        b.ballot_uid = q.getColumn(1).getString();
        b.choices =
            nlohmann::json::parse(q.getColumn(2).getString()).get<std::vector<std::string>>();
        b.receipt = q.getColumn(3).getString();
        out.push_back(std::move(b));
    }
    return out;
}

} // namespace

std::int64_t create_round(write_context& ctx, std::int64_t assembly_id, const std::string& clues,
                          const domain::round_spec& spec) {
    SQLite::Statement ins(ctx.db(), "INSERT INTO rounds (assembly_id, kind, title, spec, "
                                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(assembly_id));
    ins.bind(2, std::string(domain::to_string(spec.kind)));
    ins.bind(3, spec.title);
    auto spec_json = spec_to_json(spec);
    ins.bind(4, spec_json.dump());
    ins.bind(5, ctx.now());
    ins.bind(6, ctx.now());
    ins.exec();
    auto id = ctx.db().getLastInsertRowid();
    ctx.audit("round.created", clues,
              {{"round_id", id}, {"assembly_id", assembly_id}, {"spec", spec_json}});
    return id;
}

domain::status open_round(write_context& ctx, std::int64_t round_id, const std::string& clues,
                          const std::string& closes_at) {
    auto current = round_status_of(ctx.db(), round_id);
    if (current == "cancelada")
        return conflict("round_cancelled", "Esta votación se canceló; prepare otra.");
    if (current != "preparada")
        return conflict("round_not_ready", "Esta votación ya se abrió antes.");
    SQLite::Statement other(ctx.db(),
                            "SELECT 1 FROM rounds WHERE status = 'abierta' AND "
                            "assembly_id = (SELECT assembly_id FROM rounds WHERE id = ?)");
    other.bind(1, static_cast<int64_t>(round_id));
    if (other.executeStep())
        return conflict("another_round_open", "Ya hay otra votación abierta. Ciérrela primero.");
    SQLite::Statement upd(ctx.db(), "UPDATE rounds SET status = 'abierta', opened_at = ?, "
                                    "closes_at = ?, updated_at = ? WHERE id = ?");
    upd.bind(1, ctx.now());
    if (closes_at.empty())
        upd.bind(2);
    else
        upd.bind(2, closes_at);
    upd.bind(3, ctx.now());
    upd.bind(4, static_cast<int64_t>(round_id));
    upd.exec();
    ctx.audit("round.opened", clues, {{"round_id", round_id}, {"closes_at", closes_at}});
    return {};
}

domain::status close_round(write_context& ctx, std::int64_t round_id, const std::string& clues,
                           const domain::recorded_result& recorded) {
    if (round_status_of(ctx.db(), round_id) != "abierta")
        return conflict("round_not_open", "Esta votación no está abierta.");
    auto result = recorded_to_json(recorded);
    SQLite::Statement upd(ctx.db(), "UPDATE rounds SET status = 'cerrada', closed_at = ?, "
                                    "result = ?, updated_at = ? WHERE id = ?");
    upd.bind(1, ctx.now());
    upd.bind(2, result.dump());
    upd.bind(3, ctx.now());
    upd.bind(4, static_cast<int64_t>(round_id));
    upd.exec();
    ctx.audit("round.closed", clues, {{"round_id", round_id}, {"result", result}});
    return {};
}

domain::status cancel_round(write_context& ctx, std::int64_t round_id, const std::string& clues) {
    auto current = round_status_of(ctx.db(), round_id);
    if (current.empty())
        return domain::fail(domain::error_kind::not_found, "round_not_found",
                            "No existe esa votación.");
    // Checked again here, inside the write: an open racing the cancel loses one or the other.
    if (auto ok = domain::check_cancel_round(
            domain::parse_round_status(current).value_or(domain::round_status::cerrada));
        !ok)
        return ok;
    SQLite::Statement upd(ctx.db(), "UPDATE rounds SET cancelled_at = ?, updated_at = ? WHERE id = "
                                    "? AND status = 'preparada' AND cancelled_at IS NULL");
    upd.bind(1, ctx.now());
    upd.bind(2, ctx.now());
    upd.bind(3, static_cast<int64_t>(round_id));
    upd.exec();
    ctx.audit("round.cancelled", clues, {{"round_id", round_id}});
    return {};
}

domain::status reveal_round(write_context& ctx, std::int64_t round_id, const std::string& clues) {
    if (round_status_of(ctx.db(), round_id) != "cerrada")
        return conflict("round_not_closed", "Cierre la votación antes de mostrar el resultado.");
    SQLite::Statement upd(ctx.db(), "UPDATE rounds SET revealed_at = coalesce(revealed_at, ?), "
                                    "updated_at = ? WHERE id = ?");
    upd.bind(1, ctx.now());
    upd.bind(2, ctx.now());
    upd.bind(3, static_cast<int64_t>(round_id));
    upd.exec();
    ctx.audit("round.revealed", clues, {{"round_id", round_id}});
    return {};
}

domain::status set_live_results(write_context& ctx, std::int64_t round_id, const std::string& clues,
                                bool enabled) {
    auto current = round_status_of(ctx.db(), round_id);
    if (current.empty())
        return domain::fail(domain::error_kind::not_found, "round_not_found",
                            "No existe esa votación.");
    if (current == "cancelada")
        return conflict("round_cancelled", "Esta votación se canceló; prepare otra.");
    SQLite::Statement upd(ctx.db(),
                          "UPDATE rounds SET live_results = ?, updated_at = ? WHERE id = ?");
    upd.bind(1, enabled ? 1 : 0);
    upd.bind(2, ctx.now());
    upd.bind(3, static_cast<int64_t>(round_id));
    upd.exec();
    ctx.audit("round.live_results", clues, {{"round_id", round_id}, {"enabled", enabled}});
    return {};
}

domain::status insert_ballot(write_context& ctx, std::int64_t round_id, const std::string& clues,
                             const ballot_row& ballot) {
    // The last line of defence against a ballot racing the close: the row must still be open.
    auto& status = ctx.statement("SELECT status FROM rounds WHERE id = ?");
    status.bind(1, static_cast<int64_t>(round_id));
    if (!status.executeStep() || status.getColumn(0).getString() != "abierta")
        return std::unexpected(domain::ballot_after_close());
    status.reset();
    // The person's counted ballot, if any, is replaced; the chain names it by its receipt so
    // the set of counted ballots can be rebuilt from the chain alone.
    // A look-up, then an update by id: UPDATE … RETURNING buffers its rows in a temporary table
    // (a B-tree opened and closed for every ballot), and nine ballots in ten replace nothing.
    auto& counted = ctx.statement("SELECT id, receipt FROM ballots WHERE round_id = ? AND "
                                  "voter_tag = ? AND replaced_at IS NULL");
    counted.bind(1, static_cast<int64_t>(round_id));
    counted.bind(2, ballot.voter_tag);
    std::int64_t replaced_id = 0;
    std::string replaced;
    if (counted.executeStep()) {
        replaced_id = counted.getColumn(0).getInt64();
        replaced = counted.getColumn(1).getString();
    }
    counted.reset();
    if (replaced_id != 0) {
        auto& replace = ctx.statement("UPDATE ballots SET replaced_at = ? WHERE id = ?");
        replace.bind(1, ctx.now());
        replace.bind(2, static_cast<int64_t>(replaced_id));
        replace.exec();
        replace.reset();
    }
    auto& ins = ctx.statement("INSERT INTO ballots (round_id, voter_tag, ballot_uid, choices, "
                              "receipt, cast_at) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(round_id));
    ins.bind(2, ballot.voter_tag);
    ins.bind(3, ballot.ballot_uid);
    // The choices and the event as dump() would write them, without a JSON tree: on the
    // writer's thread for every ballot, the trees and their dumps were a tenth of the
    // server's own instructions per ballot (issue 19). Keys in dump()'s order (sorted).
    std::string choices;
    text::append_json_string_array(choices, ballot.choices);
    ins.bind(4, choices);
    ins.bind(5, ballot.receipt);
    ins.bind(6, ctx.now());
    ins.exec();
    // The chain records that a ballot with this receipt was cast, not who cast it.
    std::string event;
    event.reserve(64 + choices.size() + 2 * ballot.receipt.size());
    event += R"({"choices":)";
    event += choices;
    event += R"(,"receipt":)";
    text::append_json_string(event, ballot.receipt);
    if (!replaced.empty()) {
        event += R"(,"replaces":)";
        text::append_json_string(event, replaced);
    }
    event += R"(,"round_id":)";
    event += std::to_string(round_id);
    event += '}';
    ctx.audit_text("ballot.cast", clues, std::move(event));
    return {};
}

std::optional<round_row> find_round(SQLite::Database& db, std::int64_t round_id) {
    SQLite::Statement q(db, std::string("SELECT ") + round_columns + " FROM rounds WHERE id = ?");
    q.bind(1, static_cast<int64_t>(round_id));
    if (!q.executeStep())
        return std::nullopt;
    return read_round(q);
}

std::vector<round_row> list_rounds(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, std::string("SELECT ") + round_columns +
                                " FROM rounds WHERE assembly_id = ? ORDER BY id");
    q.bind(1, static_cast<int64_t>(assembly_id));
    std::vector<round_row> out;
    while (q.executeStep())
        out.push_back(read_round(q));
    return out;
}

std::optional<round_row> current_round(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, std::string("SELECT ") + round_columns +
                                " FROM rounds WHERE assembly_id = ? AND cancelled_at IS NULL ORDER "
                                "BY status = 'abierta' DESC, id DESC LIMIT 1");
    q.bind(1, static_cast<int64_t>(assembly_id));
    if (!q.executeStep())
        return std::nullopt;
    return read_round(q);
}

std::optional<round_row> find_runoff(SQLite::Database& db, std::int64_t assembly_id,
                                     std::int64_t round_id) {
    SQLite::Statement q(db, std::string("SELECT ") + round_columns +
                                " FROM rounds WHERE assembly_id = ? AND kind = 'election' AND "
                                "cancelled_at IS NULL AND json_extract(spec, '$.runoff_of') = ? "
                                "ORDER BY id LIMIT 1");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, static_cast<int64_t>(round_id));
    if (!q.executeStep())
        return std::nullopt;
    return read_round(q);
}

std::optional<round_row> pending_role_round(SQLite::Database& db, std::int64_t assembly_id,
                                            const std::string& role) {
    SQLite::Statement q(db, std::string("SELECT ") + round_columns +
                                " FROM rounds WHERE assembly_id = ? AND kind = 'election' AND "
                                "status <> 'cerrada' AND cancelled_at IS NULL AND "
                                "json_extract(spec, '$.role') = ? ORDER BY id LIMIT 1");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, role);
    if (!q.executeStep())
        return std::nullopt;
    return read_round(q);
}

std::vector<round_row> closed_rounds(SQLite::Database& db) {
    SQLite::Statement q(db, std::string("SELECT ") + round_columns +
                                " FROM rounds WHERE status = 'cerrada' ORDER BY id");
    std::vector<round_row> out;
    while (q.executeStep())
        out.push_back(read_round(q));
    return out;
}

std::vector<ballot_row> all_ballots(SQLite::Database& db, std::int64_t round_id) {
    SQLite::Statement q(db, "SELECT voter_tag, ballot_uid, choices, receipt FROM ballots WHERE "
                            "round_id = ? ORDER BY id");
    q.bind(1, static_cast<int64_t>(round_id));
    return read_ballots(q);
}

std::vector<ballot_row> counted_ballots(SQLite::Database& db, std::int64_t round_id) {
    SQLite::Statement q(db, "SELECT voter_tag, ballot_uid, choices, receipt FROM ballots WHERE "
                            "round_id = ? AND replaced_at IS NULL ORDER BY receipt");
    q.bind(1, static_cast<int64_t>(round_id));
    return read_ballots(q);
}

std::vector<ballot_row> counted_ballots_page(SQLite::Database& db, std::int64_t round_id,
                                             int offset, int limit) {
    SQLite::Statement q(db,
                        "SELECT voter_tag, ballot_uid, choices, receipt FROM ballots WHERE "
                        "round_id = ? AND replaced_at IS NULL ORDER BY receipt LIMIT ? OFFSET ?");
    q.bind(1, static_cast<int64_t>(round_id));
    q.bind(2, limit);
    q.bind(3, offset);
    return read_ballots(q);
}

std::int64_t count_counted_ballots(SQLite::Database& db, std::int64_t round_id) {
    SQLite::Statement q(db,
                        "SELECT count(*) FROM ballots WHERE round_id = ? AND replaced_at IS NULL");
    q.bind(1, static_cast<int64_t>(round_id));
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::optional<ballot_row> find_counted_ballot(SQLite::Database& db, std::int64_t round_id,
                                              const std::string& receipt) {
    SQLite::Statement q(db, "SELECT voter_tag, ballot_uid, choices, receipt FROM ballots WHERE "
                            "round_id = ? AND replaced_at IS NULL AND receipt = ?");
    q.bind(1, static_cast<int64_t>(round_id));
    q.bind(2, receipt);
    auto rows = read_ballots(q);
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::vector<std::string> clinics_with_countdown(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT DISTINCT a.clues FROM rounds r JOIN assemblies a ON "
                            "a.id = r.assembly_id WHERE r.status = 'abierta' AND "
                            "COALESCE(r.closes_at, '') <> '' ORDER BY a.clues");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

bool has_open_round(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT 1 FROM rounds WHERE assembly_id = ? AND status = 'abierta'");
    q.bind(1, static_cast<int64_t>(assembly_id));
    return q.executeStep();
}

} // namespace asamblea::store
