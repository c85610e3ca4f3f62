#include "app/followup/quotes.hpp"

#include "app/followup/work_command.hpp"
#include "domain/assembly/text_field.hpp"
#include "domain/followup/quote_rules.hpp"
#include "domain/followup/reason.hpp"
#include "domain/followup/rfc.hpp"

namespace asamblea::app {
namespace {

using domain::error_kind;
using namespace followup;

// The quote as it will be stored: supplier cleaned, RFC normalized.
domain::quote as_quote(const quote_input& in) {
    domain::quote q;
    auto supplier = domain::clean_text(
        in.supplier, {"supplier", "el nombre del proveedor", 1, domain::max_supplier_chars});
    q.supplier = supplier ? *supplier : in.supplier;
    q.rfc = domain::normalize_rfc(in.rfc).value_or(in.rfc);
    q.amount = in.amount;
    q.date = in.date;
    q.valid_until = in.valid_until;
    return q;
}

domain::status check_quote(SQLite::Database& db, const member_work& mw, const domain::quote& q) {
    auto existing = store::to_quotes(store::list_quotes(db, mw.work.item.id));
    return domain::check_new_quote(existing, q, mw.work.item.state);
}

} // namespace

command<work_event> add_quote(std::int64_t user_id, std::int64_t work_id, quote_input input,
                              const file_source& files) {
    auto q = as_quote(input);
    auto sha = input.file_sha256;
    auto cmd = work_command(
        user_id, work_id,
        [q](SQLite::Database& db, const member_work& mw) { return check_quote(db, mw, q); },
        [q, sha](store::write_context& w, const std::string& clues, const member_work& mw,
                 work_event& ev) -> domain::status {
            store::quote_row row;
            row.q = q;
            row.work_id = mw.work.item.id;
            row.rfc_digit_ok = domain::check_rfc(q.rfc).check_digit_ok;
            row.file_sha256 = sha;
            row.created_by = mw.actor.user_id;
            ev.id = store::insert_quote(w, row);
            store::touch_work_item(w, mw.work.item.id);
            nlohmann::json payload{{"work_id", mw.work.item.id},
                                   {"quote_id", ev.id},
                                   {"amount", q.amount},
                                   {"date", q.date},
                                   {"valid_until", q.valid_until},
                                   {"rfc_digit_ok", row.rfc_digit_ok},
                                   {"file_sha256", sha}};
            add_actor(payload, mw.actor);
            w.audit("quote.added", clues, payload);
            return {};
        });
    // The file is checked once, before queueing: stored files are never removed.
    auto checked = std::move(cmd.prepare);
    cmd.prepare = [checked, q, sha, &files](scope& s) -> domain::result<work_event> {
        auto ev = checked(s);
        if (!ev)
            return ev;
        auto kind = files.kind_of(sha);
        if (!kind)
            return std::unexpected(file_not_found("file_sha256"));
        if (*kind != domain::file_kind::pdf && *kind != domain::file_kind::jpeg &&
            *kind != domain::file_kind::png && *kind != domain::file_kind::webp)
            return domain::fail(error_kind::invalid, "file_kind_not_allowed",
                                "La cotización debe ser un PDF o una foto.", "file_sha256");
        if (!domain::check_rfc(q.rfc).check_digit_ok)
            ev->warnings.push_back("rfc_digit");
        return ev;
    };
    return cmd;
}

command<work_event> void_quote(std::int64_t user_id, std::int64_t quote_id, std::string reason) {
    // The quote's work item is found from the quote, within the clinic.
    auto find = [quote_id](SQLite::Database& db,
                           const std::string& clues) -> domain::result<store::quote_row> {
        auto q = store::find_quote(db, clues, quote_id);
        if (!q)
            return domain::fail(error_kind::not_found, "quote_not_found",
                                "No existe esa cotización en esta unidad.", "quote_id");
        return *q;
    };
    auto rule = [find, quote_id, reason](SQLite::Database& db,
                                         const member_work& mw) -> domain::status {
        auto q = find(db, mw.work.clues);
        if (!q)
            return std::unexpected(q.error());
        if (q->q.voided)
            return domain::fail(error_kind::conflict, "already_voided",
                                "Esa cotización ya estaba anulada.");
        if (auto ok = require_quoting(mw.work.item.state); !ok)
            return ok;
        return domain::check_reason(reason, "Escriba por qué se anula la cotización.");
    };
    auto write = [quote_id, reason](store::write_context& w, const std::string& clues,
                                    const member_work& mw, work_event& ev) -> domain::status {
        if (!store::void_quote(w, quote_id, reason))
            return domain::fail(error_kind::conflict, "already_voided",
                                "Esa cotización ya estaba anulada.");
        bool was_chosen = mw.work.chosen_quote_id == quote_id;
        if (was_chosen)
            store::set_chosen_quote(w, mw.work.item.id, std::nullopt, "");
        else
            store::touch_work_item(w, mw.work.item.id);
        ev.id = quote_id;
        nlohmann::json payload{{"work_id", mw.work.item.id},
                               {"quote_id", quote_id},
                               {"reason", reason},
                               {"was_chosen", was_chosen}};
        add_actor(payload, mw.actor);
        w.audit("quote.voided", clues, payload);
        return {};
    };
    // The work item is the quote's; a quote of another clinic is not found before anything.
    command<work_event> cmd;
    cmd.prepare = [user_id, find, rule](scope& s) -> domain::result<work_event> {
        if (auto actor = current_member(s.db(), s.clues, user_id); !actor)
            return std::unexpected(actor.error());
        auto q = find(s.db(), s.clues);
        if (!q)
            return std::unexpected(q.error());
        auto inner = work_command(user_id, q->work_id, rule, nullptr);
        return inner.prepare(s);
    };
    cmd.persist = [user_id, rule, write](store::write_context& w, const std::string& clues,
                                         work_event& ev) -> domain::status {
        auto inner = work_command(user_id, ev.work_id, rule, write);
        return inner.persist(w, clues, ev);
    };
    cmd.apply = no_reload;
    return cmd;
}

command<work_event> choose_quote(std::int64_t user_id, std::int64_t work_id, std::int64_t quote_id,
                                 std::string reason) {
    auto rule = [quote_id, reason](SQLite::Database& db, const member_work& mw) -> domain::status {
        if (auto ok = require_quoting(mw.work.item.state); !ok)
            return ok;
        auto quotes = store::to_quotes(store::list_quotes(db, mw.work.item.id));
        if (auto ok = domain::check_choose(quotes, quote_id, reason); !ok)
            return ok;
        // A reason given for the cheapest is kept too, so it must be a proper one.
        if (!reason.empty())
            return domain::check_reason(reason, "");
        return {};
    };
    return work_command(
        user_id, work_id, rule,
        [quote_id, reason](store::write_context& w, const std::string& clues, const member_work& mw,
                           work_event& ev) -> domain::status {
            auto quotes = store::to_quotes(store::list_quotes(w.db(), mw.work.item.id));
            bool cheapest = domain::is_cheapest(quotes, quote_id);
            store::set_chosen_quote(w, mw.work.item.id, quote_id, reason);
            ev.id = quote_id;
            domain::centavos amount = 0;
            for (const auto& q : quotes)
                if (q.id == quote_id)
                    amount = q.amount;
            nlohmann::json payload{{"work_id", mw.work.item.id},
                                   {"quote_id", quote_id},
                                   {"amount", amount},
                                   {"cheapest", cheapest},
                                   {"reason", reason}};
            if (mw.work.chosen_quote_id)
                payload["replaces"] = *mw.work.chosen_quote_id;
            add_actor(payload, mw.actor);
            w.audit("quote.chosen", clues, payload);
            return {};
        });
}

command<work_event> set_quote_exception(std::int64_t user_id, std::int64_t work_id,
                                        std::string text) {
    auto rule = [text](SQLite::Database&, const member_work& mw) -> domain::status {
        if (auto ok = require_quoting(mw.work.item.state); !ok)
            return ok;
        return domain::check_reason(text, "Escriba por qué no hay tres cotizaciones.");
    };
    return work_command(user_id, work_id, rule,
                        [text](store::write_context& w, const std::string& clues,
                               const member_work& mw, work_event&) -> domain::status {
                            store::set_quote_exception(w, mw.work.item.id, text);
                            nlohmann::json payload{{"work_id", mw.work.item.id}, {"text", text}};
                            add_actor(payload, mw.actor);
                            w.audit("quote.exception", clues, payload);
                            return {};
                        });
}

} // namespace asamblea::app
