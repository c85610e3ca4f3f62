#pragma once
// An assembly in session (assembly_session.hpp) with an open single-seat election, and the calls
// that vote in it.

#include "assembly_session.hpp"

namespace asamblea::test {

struct open_election : assembly_session {
    std::int64_t round_id = 0;

    explicit open_election(int people = 2,
                           const std::vector<std::string>& candidates = {"ana", "beto"})
        : assembly_session(people) {
        auto round = election(candidates);
        REQUIRE(round);
        round_id = round->round_id;
        REQUIRE(run_command(s, clues, hot, app::open_round(round_id, 0, false)));
    }

    std::string tag(int person) { return assembly_session::tag(person, round_id); }

    app::command<app::prepared_ballot> ballot(int person, const std::string& uid,
                                              std::vector<std::string> choices = {"ana"}) {
        return assembly_session::ballot(person, round_id, uid, std::move(choices));
    }

    domain::result<app::prepared_ballot> vote(int person, const std::string& uid,
                                              std::vector<std::string> choices = {"ana"}) {
        return run_command(s, clues, hot, ballot(person, uid, std::move(choices)));
    }

    // Prepared on the strand but not yet stored: what a ballot waiting for the writer is.
    domain::result<app::prepared_ballot> prepare(app::command<app::prepared_ballot>& cmd) {
        app::scope scope{clues, hot, s.readers()};
        return cmd.prepare(scope);
    }
};

} // namespace asamblea::test
