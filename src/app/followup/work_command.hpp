#pragma once
/// Internal: the shape of most follow-up commands, a current committee member acting on one of
/// the clinic's work items. The rule is checked when prepared (a quick answer) and again inside
/// the write against what the write connection reads (the final word), then the write runs.

#include "app/command.hpp"
#include "app/followup/work_event.hpp"
#include "app/followup/work_facts.hpp"

#include <functional>

namespace asamblea::app::followup {

/// A rule on the member and the work item, checked in prepare and again in persist.
using work_rule = std::function<domain::status(SQLite::Database&, const member_work&)>;
/// The write, after the rule held again.
using work_write = std::function<domain::status(store::write_context&, const std::string& clues,
                                                const member_work&, work_event&)>;

/// Follow-up commands touch no assembly state: the room only bumps its version (no reload).
inline after_commit no_reload(hot_state&, const work_event&) {
    return after_commit{.reload = false};
}

inline command<work_event> work_command(std::int64_t user_id, std::int64_t work_id, work_rule rule,
                                        work_write write) {
    command<work_event> cmd;
    cmd.prepare = [user_id, work_id, rule](scope& s) -> domain::result<work_event> {
        auto mw = member_on_work(s.db(), s.clues, user_id, work_id);
        if (!mw)
            return std::unexpected(mw.error());
        if (rule)
            if (auto ok = rule(s.db(), *mw); !ok)
                return std::unexpected(ok.error());
        return work_event{work_id, 0, {}};
    };
    cmd.persist = [user_id, work_id, rule,
                   write = std::move(write)](store::write_context& w, const std::string& clues,
                                             work_event& ev) -> domain::status {
        auto mw = member_on_work(w.db(), clues, user_id, work_id);
        if (!mw)
            return std::unexpected(mw.error());
        if (rule)
            if (auto ok = rule(w.db(), *mw); !ok)
                return ok;
        return write(w, clues, *mw, ev);
    };
    cmd.apply = no_reload;
    return cmd;
}

} // namespace asamblea::app::followup
