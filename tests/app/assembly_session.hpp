#pragma once
// A clinic whose 2026 assembly is en_sesion with its attendees checked in, holding credentials,
// and the calls that create an election and vote in it through the app's commands, as a room
// would run them (tests/app/run_command.hpp), against a real store.

#include "app/assemblies.hpp"
#include "app/ballots.hpp"
#include "app/rounds.hpp"
#include "check_in.hpp"
#include "run_command.hpp"
#include "store/ballot_keys.hpp"
#include "store/clinic_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace asamblea::test {

struct assembly_session {
    static constexpr const char* clues = "CSIMB000001";
    test_dir dir;
    store::store s{dir.str()};
    app::hot_state hot;
    std::vector<std::int64_t> attendees, credentials;

    explicit assembly_session(int people, int quorum = 0) {
        REQUIRE(s.writer().run([](store::write_context& w) -> domain::status {
            store::upsert_clinics(w,
                                  {domain::clinic{clues, "Centro de Salud", "Chiapas", "Ocosingo",
                                                  "IMSS-BIENESTAR", 2, "UMF", 60000000}});
            return {};
        }));
        REQUIRE(run_command(s, clues, hot,
                            app::create_assembly({2026, "2026-02-21T17:00:00.000Z", quorum})));
        REQUIRE(run_command(
            s, clues, hot,
            app::transition_assembly(domain::assembly_state::registro, s.ballot_keys())));
        auto people_in = check_in(s, clues, hot.info().assembly_id, people);
        attendees = people_in.attendees;
        credentials = people_in.credentials;
        REQUIRE(run_command(
            s, clues, hot,
            app::transition_assembly(domain::assembly_state::en_sesion, s.ballot_keys())));
    }

    domain::result<app::round_event> election(const std::vector<std::string>& names) {
        app::round_request r;
        r.kind = domain::round_kind::election;
        r.title = "Elección";
        r.options_given = true;
        for (const auto& n : names)
            r.options.push_back({n, n, 0, "", "", ""});
        return run_command(s, clues, hot, app::create_round(r));
    }

    /// The voter's tag in the round (made when the round is open, as a ballot would).
    std::string tag(int person, std::int64_t round_id) {
        auto t =
            app::voter_tag(s.ballot_keys(), hot.info().assembly_id,
                           attendees[static_cast<std::size_t>(person)], round_id, hot.round_open());
        REQUIRE(t);
        return *t;
    }

    app::command<app::prepared_ballot> ballot(int person, std::int64_t round_id, std::string uid,
                                              std::vector<std::string> choices) {
        auto receipt = "R-" + uid;
        return app::cast_ballot(tag(person, round_id),
                                credentials[static_cast<std::size_t>(person)], round_id,
                                std::move(uid), std::move(choices), std::move(receipt));
    }

    domain::result<app::prepared_ballot> vote(int person, std::int64_t round_id, std::string uid,
                                              std::vector<std::string> choices) {
        return run_command(s, clues, hot,
                           ballot(person, round_id, std::move(uid), std::move(choices)));
    }
};

} // namespace asamblea::test
