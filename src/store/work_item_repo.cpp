#include "store/work_item_repo.hpp"

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

namespace asamblea::store {
namespace {

constexpr const char* work_select =
    "SELECT id, clues, edition, assembly_id, proposal_id, round_id, title, category, "
    "approved_centavos, quantity, state, resumes_to, coalesce(quote_exception, ''), "
    "chosen_quote_id, coalesce(chosen_reason, ''), origin, origin_reason, "
    "coalesce(created_by, 0), brand, model, serials, inventory_tags, created_at, updated_at "
    "FROM work_items ";

std::optional<std::int64_t> optional_id(SQLite::Statement& q, int i) {
    if (q.getColumn(i).isNull())
        return std::nullopt;
    return q.getColumn(i).getInt64();
}

std::vector<std::string> json_strings(const std::string& text) {
    std::vector<std::string> out;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_array())
        for (const auto& e : j)
            if (e.is_string())
                out.push_back(e.get<std::string>());
    return out;
}

work_item_row read_work_item(SQLite::Statement& q) {
    work_item_row r;
    r.item.id = q.getColumn(0).getInt64();
    r.clues = q.getColumn(1).getString();
    r.edition = q.getColumn(2).getInt();
    r.assembly_id = optional_id(q, 3);
    r.item.proposal_id = optional_id(q, 4).value_or(0);
    r.round_id = optional_id(q, 5);
    r.item.title = q.getColumn(6).getString();
    r.item.category =
        domain::parse_category(q.getColumn(7).getString()).value_or(domain::category::obra);
    r.item.approved = q.getColumn(8).getInt64();
    r.item.quantity = q.getColumn(9).getInt();
    r.item.state = domain::parse_work_state(q.getColumn(10).getString())
                       .value_or(domain::work_state::planeado);
    if (!q.getColumn(11).isNull())
        r.item.resumes_to = domain::parse_work_state(q.getColumn(11).getString());
    r.quote_exception = q.getColumn(12).getString();
    r.chosen_quote_id = optional_id(q, 13);
    r.chosen_reason = q.getColumn(14).getString();
    r.origin = q.getColumn(15).getString();
    r.origin_reason = q.getColumn(16).getString();
    r.created_by = q.getColumn(17).getInt64();
    r.brand = q.getColumn(18).getString();
    r.model = q.getColumn(19).getString();
    r.serials = json_strings(q.getColumn(20).getString());
    r.inventory_tags = json_strings(q.getColumn(21).getString());
    r.created_at = q.getColumn(22).getString();
    r.updated_at = q.getColumn(23).getString();
    return r;
}

void bind_optional(SQLite::Statement& q, int i, std::optional<std::int64_t> id) {
    if (id && *id > 0)
        q.bind(i, static_cast<int64_t>(*id));
    else
        q.bind(i);
}

void bind_text_or_null(SQLite::Statement& q, int i, const std::string& text) {
    if (text.empty())
        q.bind(i);
    else
        q.bind(i, text);
}

} // namespace

std::int64_t insert_work_item(write_context& ctx, const work_item_row& row) {
    auto& ins = ctx.statement(
        "INSERT INTO work_items (clues, edition, assembly_id, proposal_id, round_id, title, "
        "category, approved_centavos, quantity, state, resumes_to, quote_exception, "
        "chosen_quote_id, chosen_reason, origin, origin_reason, created_by, brand, model, "
        "serials, inventory_tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, row.clues);
    ins.bind(2, row.edition);
    bind_optional(ins, 3, row.assembly_id);
    bind_optional(ins, 4, row.item.proposal_id);
    bind_optional(ins, 5, row.round_id);
    ins.bind(6, row.item.title);
    ins.bind(7, std::string(domain::to_string(row.item.category)));
    ins.bind(8, static_cast<int64_t>(row.item.approved));
    ins.bind(9, row.item.quantity);
    ins.bind(10, std::string(domain::to_string(row.item.state)));
    if (row.item.resumes_to)
        ins.bind(11, std::string(domain::to_string(*row.item.resumes_to)));
    else
        ins.bind(11);
    bind_text_or_null(ins, 12, row.quote_exception);
    bind_optional(ins, 13, row.chosen_quote_id);
    bind_text_or_null(ins, 14, row.chosen_reason);
    ins.bind(15, row.origin);
    ins.bind(16, row.origin_reason);
    bind_optional(ins, 17, row.created_by);
    ins.bind(18, row.brand);
    ins.bind(19, row.model);
    ins.bind(20, nlohmann::json(row.serials).dump());
    ins.bind(21, nlohmann::json(row.inventory_tags).dump());
    ins.bind(22, ctx.now());
    ins.bind(23, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

std::optional<work_item_row> find_work_item(SQLite::Database& db, const std::string& clues,
                                            std::int64_t id) {
    SQLite::Statement q(db, std::string(work_select) + "WHERE clues = ? AND id = ?");
    q.bind(1, clues);
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_work_item(q);
}

std::vector<work_item_row> list_work_items(SQLite::Database& db, const std::string& clues,
                                           int edition) {
    SQLite::Statement q(db,
                        std::string(work_select) + "WHERE clues = ? AND edition = ? ORDER BY id");
    q.bind(1, clues);
    q.bind(2, edition);
    std::vector<work_item_row> out;
    while (q.executeStep())
        out.push_back(read_work_item(q));
    return out;
}

std::vector<int> work_editions(SQLite::Database& db, const std::string& clues) {
    SQLite::Statement q(
        db, "SELECT DISTINCT edition FROM work_items WHERE clues = ? ORDER BY edition DESC");
    q.bind(1, clues);
    std::vector<int> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getInt());
    return out;
}

bool work_for_proposal_exists(SQLite::Database& db, std::int64_t proposal_id) {
    SQLite::Statement q(db, "SELECT 1 FROM work_items WHERE proposal_id = ?");
    q.bind(1, static_cast<int64_t>(proposal_id));
    return q.executeStep();
}

bool update_work_state(write_context& ctx, std::int64_t id, domain::work_state from,
                       const domain::work_item& after) {
    auto& upd = ctx.statement("UPDATE work_items SET state = ?, resumes_to = ?, updated_at = ? "
                              "WHERE id = ? AND state = ?");
    upd.bind(1, std::string(domain::to_string(after.state)));
    if (after.resumes_to)
        upd.bind(2, std::string(domain::to_string(*after.resumes_to)));
    else
        upd.bind(2);
    upd.bind(3, ctx.now());
    upd.bind(4, static_cast<int64_t>(id));
    upd.bind(5, std::string(domain::to_string(from)));
    return upd.exec() == 1;
}

void set_chosen_quote(write_context& ctx, std::int64_t id, std::optional<std::int64_t> quote_id,
                      const std::string& reason) {
    auto& upd = ctx.statement("UPDATE work_items SET chosen_quote_id = ?, chosen_reason = ?, "
                              "updated_at = ? WHERE id = ?");
    bind_optional(upd, 1, quote_id);
    bind_text_or_null(upd, 2, reason);
    upd.bind(3, ctx.now());
    upd.bind(4, static_cast<int64_t>(id));
    upd.exec();
}

void set_quote_exception(write_context& ctx, std::int64_t id, const std::string& text) {
    auto& upd =
        ctx.statement("UPDATE work_items SET quote_exception = ?, updated_at = ? WHERE id = ?");
    bind_text_or_null(upd, 1, text);
    upd.bind(2, ctx.now());
    upd.bind(3, static_cast<int64_t>(id));
    upd.exec();
}

void set_equipment(write_context& ctx, std::int64_t id, const std::string& brand,
                   const std::string& model, const std::vector<std::string>& serials,
                   const std::vector<std::string>& inventory_tags) {
    auto& upd = ctx.statement("UPDATE work_items SET brand = ?, model = ?, serials = ?, "
                              "inventory_tags = ?, updated_at = ? WHERE id = ?");
    upd.bind(1, brand);
    upd.bind(2, model);
    upd.bind(3, nlohmann::json(serials).dump());
    upd.bind(4, nlohmann::json(inventory_tags).dump());
    upd.bind(5, ctx.now());
    upd.bind(6, static_cast<int64_t>(id));
    upd.exec();
}

void touch_work_item(write_context& ctx, std::int64_t id) {
    auto& upd = ctx.statement("UPDATE work_items SET updated_at = ? WHERE id = ?");
    upd.bind(1, ctx.now());
    upd.bind(2, static_cast<int64_t>(id));
    upd.exec();
}

} // namespace asamblea::store
