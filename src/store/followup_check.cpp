#include "store/followup_check.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <map>
#include <set>

namespace asamblea::store {
namespace {

// What the chain says of one work item: created with its amount, then each move.
struct told_work {
    std::int64_t approved = 0;
    std::string state = "planeado";
};

struct told_quote {
    std::int64_t work_id = 0;
    std::int64_t amount = 0;
    bool voided = false;
};

struct told_expense {
    std::int64_t work_id = 0;
    std::int64_t amount = 0;
    std::string uuid;
    bool voided = false;
};

struct told {
    std::map<std::int64_t, told_work> works;
    std::map<std::int64_t, told_quote> quotes;
    std::map<std::int64_t, told_expense> expenses;
    std::map<std::int64_t, std::int64_t> chosen; // work → quote
};

std::int64_t number(const nlohmann::json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string text(const nlohmann::json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

told replay(const std::vector<chain_event>& events) {
    told t;
    for (const auto& e : events) {
        const auto& p = e.payload;
        if (e.type == "work.created")
            t.works[number(p, "work_id")] = {number(p, "approved"), "planeado"};
        else if (e.type == "work.moved")
            t.works[number(p, "work_id")].state = text(p, "to");
        else if (e.type == "quote.added")
            t.quotes[number(p, "quote_id")] = {number(p, "work_id"), number(p, "amount"), false};
        else if (e.type == "quote.voided") {
            t.quotes[number(p, "quote_id")].voided = true;
            if (p.value("was_chosen", false))
                t.chosen.erase(number(p, "work_id"));
        } else if (e.type == "quote.chosen")
            t.chosen[number(p, "work_id")] = number(p, "quote_id");
        else if (e.type == "expense.recorded")
            t.expenses[number(p, "expense_id")] = {number(p, "work_id"), number(p, "amount"),
                                                   text(p, "cfdi_uuid"), false};
        else if (e.type == "expense.voided")
            t.expenses[number(p, "expense_id")].voided = true;
    }
    return t;
}

std::string money(std::int64_t centavos) {
    return std::to_string(centavos / 100) + "." + (centavos % 100 < 10 ? "0" : "") +
           std::to_string(centavos % 100);
}

// "Gasto 3: el monto es $10.00 y la bitácora dice $1.00."
std::string amount_differs(const std::string& name, std::int64_t table, std::int64_t chain) {
    return name + "el monto es $" + money(table) + " y la bitácora dice $" + money(chain) + ".";
}

} // namespace

followup_report check_followup(SQLite::Database& db, const std::string& clues,
                               const std::vector<chain_event>& events) {
    auto t = replay(events);
    followup_report r;
    std::set<std::int64_t> seen_works;
    SQLite::Statement works(db, "SELECT id, approved_centavos, state, chosen_quote_id "
                                "FROM work_items WHERE clues = ? ORDER BY id");
    works.bind(1, clues);
    while (works.executeStep()) {
        ++r.works;
        auto id = works.getColumn(0).getInt64();
        std::string name = "Obra " + std::to_string(id) + ": ";
        seen_works.insert(id);
        auto it = t.works.find(id);
        if (it == t.works.end()) {
            r.findings.push_back(name + "no está en la bitácora.");
            continue;
        }
        if (works.getColumn(1).getInt64() != it->second.approved)
            r.findings.push_back(amount_differs(name + "aprobado: ", works.getColumn(1).getInt64(),
                                                it->second.approved));
        std::string state = works.getColumn(2).getString();
        if (state != it->second.state)
            r.findings.push_back(name + "está «" + state + "» y la bitácora dice «" +
                                 it->second.state + "».");
        auto chosen = works.getColumn(3).isNull() ? 0 : works.getColumn(3).getInt64();
        auto told_chosen = t.chosen.count(id) ? t.chosen[id] : 0;
        if (chosen != told_chosen)
            r.findings.push_back(name + "la cotización elegida no es la de la bitácora.");
    }
    for (const auto& [id, w] : t.works)
        if (!seen_works.count(id))
            r.findings.push_back("Obra " + std::to_string(id) +
                                 ": está en la bitácora y falta en la base de datos.");

    SQLite::Statement quotes(db, "SELECT q.id, q.amount_centavos, q.voided_at IS NOT NULL "
                                 "FROM quotes q JOIN work_items w ON w.id = q.work_id "
                                 "WHERE w.clues = ?");
    quotes.bind(1, clues);
    while (quotes.executeStep()) {
        auto id = quotes.getColumn(0).getInt64();
        std::string name = "Cotización " + std::to_string(id) + ": ";
        auto it = t.quotes.find(id);
        if (it == t.quotes.end())
            r.findings.push_back(name + "no está en la bitácora.");
        else if (quotes.getColumn(1).getInt64() != it->second.amount)
            r.findings.push_back(
                amount_differs(name, quotes.getColumn(1).getInt64(), it->second.amount));
        else if ((quotes.getColumn(2).getInt() != 0) != it->second.voided)
            r.findings.push_back(name + "su anulación no coincide con la bitácora.");
    }

    std::set<std::int64_t> seen_expenses;
    SQLite::Statement expenses(db, "SELECT id, work_id, amount_centavos, cfdi_uuid, "
                                   "voided_at IS NOT NULL FROM expenses WHERE clues = ?");
    expenses.bind(1, clues);
    while (expenses.executeStep()) {
        ++r.expenses;
        auto id = expenses.getColumn(0).getInt64();
        seen_expenses.insert(id);
        std::string name = "Gasto " + std::to_string(id) + ": ";
        auto it = t.expenses.find(id);
        if (it == t.expenses.end()) {
            r.findings.push_back(name + "no está en la bitácora.");
            continue;
        }
        const auto& e = it->second;
        if (expenses.getColumn(1).getInt64() != e.work_id)
            r.findings.push_back(name + "pertenece a otra obra que la de la bitácora.");
        if (expenses.getColumn(2).getInt64() != e.amount)
            r.findings.push_back(amount_differs(name, expenses.getColumn(2).getInt64(), e.amount));
        if (expenses.getColumn(3).getString() != e.uuid)
            r.findings.push_back(name + "el folio fiscal no es el de la bitácora.");
        if ((expenses.getColumn(4).getInt() != 0) != e.voided)
            r.findings.push_back(name + "su anulación no coincide con la bitácora.");
    }
    for (const auto& [id, e] : t.expenses)
        if (!seen_expenses.count(id))
            r.findings.push_back("Gasto " + std::to_string(id) +
                                 ": está en la bitácora y falta en la base de datos.");
    return r;
}

std::vector<std::string> clinics_with_works(SQLite::Database& db) {
    std::vector<std::string> out;
    SQLite::Statement q(db, "SELECT DISTINCT clues FROM work_items ORDER BY clues");
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

} // namespace asamblea::store
