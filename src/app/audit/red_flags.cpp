#include "app/audit/red_flags.hpp"

#include "domain/assembly/text_field.hpp"
#include "domain/followup/deadline.hpp"
#include "store/deadline_repo.hpp"

#include <algorithm>
#include <charconv>

namespace asamblea::app {
namespace {

using domain::error_kind;

domain::status check_flag_edition(int edition) {
    if (edition < 2000 || edition > 9999)
        return domain::fail(error_kind::invalid, "edition_invalid", "El año no es válido.",
                            "edition");
    return {};
}

int flag_year_of(const std::string& today) {
    int year = 0;
    std::from_chars(today.data(), today.data() + std::min<std::size_t>(4, today.size()), year);
    return year;
}

domain::flag_input flag_input_of(SQLite::Database& db, int edition, const std::string& today) {
    domain::flag_input in;
    in.edition = edition;
    auto set = store::find_deadline(db, edition);
    in.deadline = set ? set->deadline : domain::default_deadline(edition);
    in.today = today;
    if (auto t = store::find_flag_thresholds(db, edition))
        in.thresholds = *t;
    in.clinics = store::read_flag_clinics(db, edition);
    in.other_editions = store::read_flag_other_uses(db, edition);
    return in;
}

nlohmann::json thresholds_json(const domain::flag_thresholds& t) {
    return {{"quote_gap_percent", t.quote_gap_percent},
            {"supplier_min_clinics", t.supplier_min_clinics},
            {"supplier_share_percent", t.supplier_share_percent},
            {"ring_min_works", t.ring_min_works},
            {"outlier_multiple", t.outlier_multiple},
            {"unproven_days", t.unproven_days}};
}

after_commit flag_no_reload(hot_state&, const red_flag_event&) {
    return after_commit{.reload = false};
}

domain::result<std::string> clean_review_note(const std::string& note) {
    return domain::clean_text(note, {.field = "note",
                                     .subject = "la nota",
                                     .min_chars = 1,
                                     .max_chars = 1000,
                                     .multiline = true});
}

// The flag as raised now, and whether the acting coordinator may review it.
domain::status check_reviewable(SQLite::Database& db, int edition, const std::string& key,
                                const std::vector<std::string>& allowed, const std::string& today,
                                const std::optional<std::vector<domain::red_flag>>& raised) {
    auto flags = raised ? *raised : domain::detect_red_flags(flag_input_of(db, edition, today));
    auto it = std::find_if(flags.begin(), flags.end(),
                           [&](const domain::red_flag& f) { return f.key == key; });
    if (it == flags.end())
        return domain::fail(error_kind::not_found, "flag_not_found",
                            "Esa alerta no existe en esta edición (o ya no se levanta).", "key");
    if (!allowed.empty())
        for (const auto& c : it->clinics)
            if (std::find(allowed.begin(), allowed.end(), c.clues) == allowed.end())
                return domain::fail(error_kind::forbidden, "flag_out_of_scope",
                                    "Esa alerta toca clínicas fuera de su coordinación.", "key");
    return {};
}

} // namespace

domain::result<domain::flag_input> read_flag_input(SQLite::Database& db, std::optional<int> edition,
                                                   const std::string& today) {
    if (!edition)
        edition = store::newest_flag_edition(db);
    if (!edition)
        edition = flag_year_of(today);
    if (auto ok = check_flag_edition(*edition); !ok)
        return std::unexpected(ok.error());
    return flag_input_of(db, *edition, today);
}

red_flag_report report_red_flags(const domain::flag_input& in, bool thresholds_set,
                                 std::vector<store::flag_review_row> reviews,
                                 const std::string& state) {
    red_flag_report r;
    r.edition = in.edition;
    r.state = state;
    r.deadline = in.deadline;
    r.today = in.today;
    r.thresholds = in.thresholds;
    r.thresholds_set = thresholds_set;
    for (const auto& c : in.clinics)
        if (std::find(r.states.begin(), r.states.end(), c.state) == r.states.end())
            r.states.push_back(c.state);
    for (auto& f : domain::detect_red_flags(in)) {
        bool in_state =
            state.empty() || std::any_of(f.clinics.begin(), f.clinics.end(),
                                         [&](const auto& c) { return c.state == state; });
        if (in_state)
            r.flags.push_back(std::move(f));
    }
    for (auto& review : reviews)
        r.reviews.emplace(review.flag_key, std::move(review));
    return r;
}

domain::result<red_flag_report> read_red_flags(SQLite::Database& db, std::optional<int> edition,
                                               const std::string& state, const std::string& today) {
    auto in = read_flag_input(db, edition, today);
    if (!in)
        return std::unexpected(in.error());
    return report_red_flags(*in, store::find_flag_thresholds(db, in->edition).has_value(),
                            store::list_flag_reviews(db, in->edition), state);
}

command<red_flag_event> set_flag_thresholds(int edition, domain::flag_thresholds t,
                                            std::int64_t user_id) {
    auto check = [edition, t]() -> domain::status {
        if (auto ok = check_flag_edition(edition); !ok)
            return ok;
        return domain::check_thresholds(t);
    };
    command<red_flag_event> cmd;
    cmd.prepare = [check](scope&) -> domain::result<red_flag_event> {
        if (auto ok = check(); !ok)
            return std::unexpected(ok.error());
        return red_flag_event{};
    };
    cmd.persist = [check, edition, t, user_id](store::write_context& w, const std::string&,
                                               red_flag_event&) -> domain::status {
        if (auto ok = check(); !ok)
            return ok;
        auto previous = store::find_flag_thresholds(w.db(), edition);
        store::upsert_flag_thresholds(w, edition, t, user_id);
        w.audit("red_flag.thresholds_set", "",
                {{"edition", edition},
                 {"thresholds", thresholds_json(t)},
                 {"previous", thresholds_json(previous.value_or(domain::flag_thresholds{}))},
                 {"user_id", user_id}});
        return {};
    };
    cmd.apply = flag_no_reload;
    return cmd;
}

command<red_flag_event> review_red_flag(int edition, std::string key, std::string note,
                                        std::int64_t user_id, std::vector<std::string> clinic_scope,
                                        std::string today,
                                        std::optional<std::vector<domain::red_flag>> raised) {
    auto check = [=](SQLite::Database& db) -> domain::result<std::string> {
        if (auto ok = check_flag_edition(edition); !ok)
            return std::unexpected(ok.error());
        auto clean = clean_review_note(note);
        if (!clean)
            return clean;
        if (auto ok = check_reviewable(db, edition, key, clinic_scope, today, raised); !ok)
            return std::unexpected(ok.error());
        return clean;
    };
    command<red_flag_event> cmd;
    cmd.prepare = [check](scope& s) -> domain::result<red_flag_event> {
        if (auto ok = check(s.db()); !ok)
            return std::unexpected(ok.error());
        return red_flag_event{};
    };
    cmd.persist = [check, edition, key, user_id](store::write_context& w, const std::string&,
                                                 red_flag_event&) -> domain::status {
        auto clean = check(w.db());
        if (!clean)
            return std::unexpected(clean.error());
        auto previous = store::find_flag_review(w.db(), edition, key);
        store::upsert_flag_review(w, edition, key, *clean, user_id);
        w.audit("red_flag.reviewed", "",
                {{"edition", edition},
                 {"flag_key", key},
                 {"note", *clean},
                 {"previous_note", previous ? previous->note : std::string()},
                 {"user_id", user_id}});
        return {};
    };
    cmd.apply = flag_no_reload;
    return cmd;
}

} // namespace asamblea::app
