#include "store/clinic_bundle.hpp"

#include "store/crypto.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>

namespace asamblea::store {

namespace {

const std::string of_assemblies = "assembly_id IN (SELECT id FROM assemblies WHERE clues = ?1)";
const std::string of_works = "work_id IN (SELECT id FROM work_items WHERE clues = ?1)";

// A value of any type, copied from one statement's column to another's parameter.
void bind_column(SQLite::Statement& to, int index, const SQLite::Column& c) {
    if (c.isNull())
        to.bind(index);
    else if (c.isInteger())
        to.bind(index, c.getInt64());
    else if (c.isFloat())
        to.bind(index, c.getDouble());
    else if (c.isBlob())
        to.bind(index, c.getBlob(), c.getBytes());
    else
        to.bind(index, c.getString());
}

domain::error bundle_error(std::string message) {
    return domain::error{domain::error_kind::invalid, "bad_bundle", std::move(message), ""};
}

// Users the bundle's rows name: the clinic's logins and every author column.
std::string bundle_users_where() {
    std::string ids = "SELECT user_id FROM bundle.user_clinics";
    for (const auto& t : bundle_tables())
        for (const auto& [column, target] : t.refs)
            if (target == "users" && t.name != "user_clinics")
                ids += " UNION SELECT " + column + " FROM bundle." + t.name;
    return "id IN (" + ids + ")";
}

// B's account for a username the bundle brings: the same account (role and password) is reused,
// another one is refused.
domain::result<std::int64_t> place_user(SQLite::Database& db, SQLite::Statement& row,
                                        import_outcome& out) {
    std::map<std::string, int> col;
    for (int i = 0; i < row.getColumnCount(); ++i)
        col[row.getColumnName(i)] = i;
    auto username = row.getColumn(col.at("username")).getString();
    SQLite::Statement same(db, "SELECT id, role, password_hash FROM main.users WHERE username = ?");
    same.bind(1, username);
    if (!same.executeStep())
        return std::int64_t{0};
    if (same.getColumn(1).getString() != row.getColumn(col.at("role")).getString() ||
        same.getColumn(2).getString() != row.getColumn(col.at("password_hash")).getString())
        return std::unexpected(
            bundle_error("Este servidor ya tiene el usuario «" + username +
                         "» para otra cuenta (otro rol o contraseña); cambie el nombre de uno "
                         "de los dos con `asamblea user` antes de importar."));
    out.users_reused.push_back(username);
    return same.getColumn(0).getInt64();
}

struct late_ref {
    std::string table;
    std::string column;
    std::string target;
    std::int64_t row = 0; // the new row
    std::int64_t old_ref = 0;
};

domain::status copy_table_in(SQLite::Database& db, const bundle_table& t, import_outcome& out,
                             std::vector<late_ref>& late) {
    SQLite::Statement rows(db, "SELECT * FROM bundle." + t.name + " ORDER BY rowid");
    std::vector<std::string> columns;
    for (int i = 0; i < rows.getColumnCount(); ++i)
        columns.emplace_back(rows.getColumnName(i));
    std::string names;
    std::string marks;
    for (const auto& c : columns) {
        if (t.has_id && c == "id")
            continue;
        names += (names.empty() ? "" : ", ") + c;
        marks += marks.empty() ? "?" : ", ?";
    }
    SQLite::Statement insert(db, "INSERT INTO main." + t.name + " (" + names + ") VALUES (" +
                                     marks + ")");
    auto& ids = out.ids[t.name];
    while (rows.executeStep()) {
        std::int64_t old_id = 0;
        if (t.has_id)
            old_id = rows.getColumn("id").getInt64();
        if (t.name == "users") {
            auto existing = place_user(db, rows, out);
            if (!existing)
                return std::unexpected(existing.error());
            if (*existing != 0) {
                ids[old_id] = *existing;
                continue;
            }
        }
        insert.reset();
        insert.clearBindings();
        std::vector<late_ref> pending;
        int index = 0;
        for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
            const auto& name = columns[static_cast<std::size_t>(i)];
            if (t.has_id && name == "id")
                continue;
            ++index;
            auto value = rows.getColumn(i);
            auto ref = std::find_if(t.refs.begin(), t.refs.end(),
                                    [&](const auto& r) { return r.first == name; });
            auto late_it = std::find_if(t.late_refs.begin(), t.late_refs.end(),
                                        [&](const auto& r) { return r.first == name; });
            if (value.isNull() || (ref == t.refs.end() && late_it == t.late_refs.end())) {
                bind_column(insert, index, value);
                continue;
            }
            if (late_it != t.late_refs.end()) {
                insert.bind(index);
                pending.push_back({t.name, name, late_it->second, 0, value.getInt64()});
                continue;
            }
            const auto& map = out.ids[ref->second];
            auto to = map.find(value.getInt64());
            if (to == map.end())
                return std::unexpected(
                    bundle_error("La fila " + std::to_string(old_id) + " de «" + t.name +
                                 "» apunta a " + name + " = " + std::to_string(value.getInt64()) +
                                 ", que el paquete no trae en «" + ref->second + "»."));
            insert.bind(index, to->second);
        }
        insert.exec();
        auto new_id = db.getLastInsertRowid();
        if (t.has_id)
            ids[old_id] = new_id;
        for (auto& p : pending) {
            p.row = new_id;
            late.push_back(std::move(p));
        }
        ++out.rows;
    }
    return {};
}

} // namespace

const std::vector<bundle_table>& bundle_tables() {
    static const std::vector<bundle_table> tables = {
        {"clinics", "clues = ?1", {}, {}, false},
        {"users", "", {}, {}, true}, // chosen from the other tables' user columns
        {"user_clinics", "clues = ?1", {{"user_id", "users"}}, {}, false},
        {"assemblies", "clues = ?1", {}, {}, true},
        {"proposals",
         of_assemblies,
         {{"assembly_id", "assemblies"}},
         {{"merged_into", "proposals"}}},
        {"attendees",
         of_assemblies,
         {{"assembly_id", "assemblies"}, {"registered_by", "users"}},
         {}},
        {"credentials",
         of_assemblies,
         {{"assembly_id", "assemblies"}, {"attendee_id", "attendees"}},
         {}},
        {"floor_requests",
         of_assemblies,
         {{"assembly_id", "assemblies"}, {"attendee_id", "attendees"}},
         {}},
        {"rounds", of_assemblies, {{"assembly_id", "assemblies"}}, {}},
        {"ballots",
         "round_id IN (SELECT r.id FROM rounds r JOIN assemblies a ON a.id = r.assembly_id WHERE "
         "a.clues = ?1)",
         {{"round_id", "rounds"}},
         {}},
        {"nominations",
         of_assemblies,
         {{"assembly_id", "assemblies"},
          {"attendee_id", "attendees"},
          {"nominated_by_user", "users"}},
         {}},
        {"assembly_incidents",
         of_assemblies,
         {{"assembly_id", "assemblies"}, {"user_id", "users"}},
         {}},
        {"committee_members",
         "clues = ?1",
         {{"attendee_id", "attendees"}, {"round_id", "rounds"}, {"user_id", "users"}},
         {{"ratified_from", "committee_members"}}},
        {"committee_invitations",
         "clues = ?1",
         {{"member_id", "committee_members"}, {"issued_by", "users"}, {"user_id", "users"}},
         {}},
        {"work_items",
         "clues = ?1",
         {{"assembly_id", "assemblies"},
          {"proposal_id", "proposals"},
          {"round_id", "rounds"},
          {"created_by", "users"}},
         {{"chosen_quote_id", "quotes"}}},
        {"work_moves",
         of_works,
         {{"work_id", "work_items"}, {"user_id", "users"}, {"member_id", "committee_members"}},
         {}},
        {"quotes", of_works, {{"work_id", "work_items"}, {"created_by", "users"}}, {}},
        {"expenses", "clues = ?1", {{"work_id", "work_items"}, {"recorded_by", "users"}}, {}},
        {"evidence", of_works, {{"work_id", "work_items"}, {"uploaded_by", "users"}}, {}},
        {"work_confirmations",
         of_works,
         {{"work_id", "work_items"}, {"member_id", "committee_members"}, {"user_id", "users"}},
         {}},
        {"work_notes", of_works, {{"work_id", "work_items"}, {"user_id", "users"}}, {}},
    };
    return tables;
}

const std::vector<std::string>& tables_left_behind() {
    static const std::vector<std::string> tables = {
        "tokens",              // logins end with the move: people log in again on the new shard
        "audit_events",        // the clinic's chain moves as events (bundle_chain_table)
        "edition_deadlines",   // per edition, for every clinic
        "red_flag_thresholds", // per edition, for every clinic
        "red_flag_reviews",    // the coordinators' notes on flags across clinics
        "clinic_moves",        // each side records its own half of a move
        "token_revocations",   // revoked logins, pulled by the other shards until they expire
        "sqlite_sequence",     // SQLite's own AUTOINCREMENT counters (token_revocations)
    };
    return tables;
}

table_digest digest_table(SQLite::Database& db, const std::string& schema,
                          const std::string& table) {
    SQLite::Statement q(db, "SELECT * FROM " + schema + "." + table + " ORDER BY rowid");
    std::string text;
    for (int i = 0; i < q.getColumnCount(); ++i)
        text += std::string(q.getColumnName(i)) + '\x1f';
    table_digest d;
    while (q.executeStep()) {
        ++d.rows;
        text += '\x1e';
        for (int i = 0; i < q.getColumnCount(); ++i) {
            auto c = q.getColumn(i);
            // The type and the length before the bytes: no two rows spell the same text.
            std::string value = c.isNull() ? std::string() : c.getString();
            text += std::to_string(c.getType()) + ':' + std::to_string(value.size()) + ':' + value;
        }
    }
    d.sha256 = sha256_hex(text);
    return d;
}

void copy_clinic_out(SQLite::Database& db, const std::string& clues) {
    for (const auto& t : bundle_tables()) {
        if (t.name == "users")
            continue;
        std::string order = t.has_id ? "id" : (t.name == "clinics" ? "clues" : "user_id");
        SQLite::Statement q(db, "CREATE TABLE bundle." + t.name + " AS SELECT * FROM main." +
                                    t.name + " WHERE " + t.where + " ORDER BY " + order);
        q.bind(1, clues);
        q.exec();
    }
    db.exec("CREATE TABLE bundle.users AS SELECT * FROM main.users WHERE " + bundle_users_where() +
            " ORDER BY id");
    SQLite::Statement chain(db, std::string("CREATE TABLE bundle.") + bundle_chain_table +
                                    " AS SELECT chain_seq, at, type, clues, payload, prev_hash, "
                                    "hash FROM main.audit_events WHERE clues = ?1 AND chain_seq "
                                    "IS NOT NULL ORDER BY chain_seq");
    chain.bind(1, clues);
    chain.exec();
}

domain::status check_bundle_users(SQLite::Database& db) {
    SQLite::Statement users(db, "SELECT * FROM bundle.users ORDER BY rowid");
    import_outcome ignored;
    while (users.executeStep())
        if (auto placed = place_user(db, users, ignored); !placed)
            return std::unexpected(placed.error());
    return {};
}

std::vector<std::string> bundle_files(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT file_sha256 FROM bundle.quotes UNION SELECT xml_sha256 FROM "
                            "bundle.expenses UNION SELECT pdf_sha256 FROM bundle.expenses UNION "
                            "SELECT payment_sha256 FROM bundle.expenses WHERE payment_sha256 IS "
                            "NOT NULL UNION SELECT file_sha256 FROM bundle.evidence ORDER BY 1");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::vector<chain_event> bundle_chain(SQLite::Database& db) {
    SQLite::Statement q(db, std::string("SELECT chain_seq, at, type, clues, payload, prev_hash, "
                                        "hash FROM bundle.") +
                                bundle_chain_table + " ORDER BY rowid");
    std::vector<chain_event> out;
    while (q.executeStep()) {
        chain_event e;
        e.seq = q.getColumn(0).getInt64();
        e.at = q.getColumn(1).getString();
        e.type = q.getColumn(2).getString();
        e.clues = q.getColumn(3).getString();
        e.payload = nlohmann::json::parse(q.getColumn(4).getString(), nullptr, false);
        e.prev_hash = q.getColumn(5).getString();
        e.hash = q.getColumn(6).getString();
        out.push_back(std::move(e));
    }
    return out;
}

domain::result<import_outcome> copy_clinic_in(SQLite::Database& db, const std::string& clues) {
    import_outcome out;
    std::vector<late_ref> late;
    for (const auto& t : bundle_tables())
        if (auto copied = copy_table_in(db, t, out, late); !copied)
            return std::unexpected(copied.error());
    for (const auto& l : late) {
        const auto& map = out.ids[l.target];
        auto to = map.find(l.old_ref);
        if (to == map.end())
            return std::unexpected(bundle_error("Una fila de «" + l.table + "» apunta a " +
                                                l.column + " = " + std::to_string(l.old_ref) +
                                                ", que el paquete no trae."));
        SQLite::Statement u(db,
                            "UPDATE main." + l.table + " SET " + l.column + " = ? WHERE id = ?");
        u.bind(1, to->second);
        u.bind(2, l.row);
        u.exec();
    }
    SQLite::Statement chain(db, std::string("INSERT INTO main.audit_events (at, type, clues, "
                                            "payload, chain_seq, prev_hash, hash) SELECT at, "
                                            "type, ?1, payload, chain_seq, prev_hash, hash FROM "
                                            "bundle.") +
                                    bundle_chain_table + " ORDER BY rowid");
    chain.bind(1, clues);
    chain.exec();
    return out;
}

} // namespace asamblea::store
