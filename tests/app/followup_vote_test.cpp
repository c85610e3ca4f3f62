// What the vote selected becomes the committee's work when the assembly closes: only budget
// rounds that are closed, revealed and counted with quorum, once each proposal.
#include "app/assemblies.hpp"
#include "app/ballots.hpp"
#include "app/followup/board.hpp"
#include "app/followup/voted_works.hpp"
#include "app/proposals.hpp"
#include "app/rounds.hpp"
#include "check_in.hpp"
#include "run_command.hpp"
#include "store/assembly_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/work_item_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace asamblea;
using asamblea::test::run_command;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_vote_test {

namespace {

constexpr const char* clues = "CSIMB000001";

struct voting_clinic {
    test_dir dir;
    store::store s{dir.str()};
    app::hot_state hot;
    std::vector<std::int64_t> attendees, credentials;
    std::vector<std::int64_t> proposals;

    voting_clinic() {
        REQUIRE(s.writer().run([](store::write_context& w) -> domain::status {
            store::upsert_clinics(w,
                                  {domain::clinic{clues, "Centro de Salud", "Chiapas", "Ocosingo",
                                                  "IMSS-BIENESTAR", 2, "UMF", 60000000}});
            return {};
        }));
        REQUIRE(run(app::create_assembly({2026, "2026-02-21T17:00:00.000Z", 0})));
        REQUIRE(run(app::transition_assembly(domain::assembly_state::registro, s.ballot_keys())));
        auto people = test::check_in(s, clues, hot.info().assembly_id, 3);
        attendees = people.attendees;
        credentials = people.credentials;
        REQUIRE(run(app::transition_assembly(domain::assembly_state::en_sesion, s.ballot_keys())));
        auto added = run(
            app::add_proposals({{0, "Techo del consultorio", "", domain::category::obra, 10000000,
                                 domain::proposal_source::diagnostico},
                                {0, "Refrigerador de vacunas", "", domain::category::equipamiento,
                                 5000000, domain::proposal_source::diagnostico},
                                {0, "Sillas de espera", "", domain::category::mobiliario, 2000000,
                                 domain::proposal_source::asamblea}}));
        REQUIRE(added);
        proposals = added->event.ids;
        REQUIRE(proposals.size() == 3);
        for (auto id : proposals)
            REQUIRE(run(app::accept_proposal(id)));
    }

    template <class Event> domain::result<Event> run(app::command<Event> cmd) {
        return run_command(s, clues, hot, std::move(cmd));
    }

    /// A budget round where everyone approves `choices`; opened without quorum when asked.
    std::int64_t budget_round(const std::vector<std::string>& choices, bool without_quorum) {
        app::round_request r;
        r.kind = domain::round_kind::budget;
        r.title = "Presupuesto";
        auto round = run(app::create_round(r));
        REQUIRE(round);
        auto id = round->round_id;
        REQUIRE(run(app::open_round(id, 0, without_quorum)));
        for (std::size_t person = 0; person < attendees.size(); ++person) {
            auto tag = app::voter_tag(s.ballot_keys(), hot.info().assembly_id, attendees[person],
                                      id, hot.round_open());
            REQUIRE(tag);
            auto uid = "b" + std::to_string(id) + "-" + std::to_string(person);
            REQUIRE(run(app::cast_ballot(*tag, credentials[person], id, uid, choices, "R-" + uid)));
        }
        REQUIRE(run(app::close_round(id)));
        return id;
    }

    std::vector<store::work_item_row> works() {
        auto db = s.readers().acquire();
        return store::list_work_items(*db, clues, 2026);
    }

    long long count(const std::string& sql) {
        auto db = s.readers().acquire();
        return db->execAndGet(sql).getInt64();
    }
};

} // namespace

TEST_CASE("closing the assembly turns each revealed budget round's selection into work items") {
    voting_clinic c;
    auto id = [&](int i) { return std::to_string(c.proposals[static_cast<std::size_t>(i)]); };

    // Revealed with quorum: the roof and the fridge.
    auto counted = c.budget_round({id(0), id(1)}, false);
    REQUIRE(c.run(app::reveal_round(counted)));
    // Closed but never revealed: the chairs stay a proposal.
    c.budget_round({id(2)}, false);
    // Revealed, but counted without quorum: nothing is chosen.
    REQUIRE(c.run(app::update_quorum(50)));
    auto no_quorum = c.budget_round({id(2)}, true);
    REQUIRE(c.run(app::reveal_round(no_quorum)));

    CHECK(c.works().empty()); // nothing before the close
    REQUIRE(c.run(app::transition_assembly(domain::assembly_state::cerrada, c.s.ballot_keys())));

    auto works = c.works();
    REQUIRE(works.size() == 2);
    CHECK(works[0].item.title == "Techo del consultorio");
    CHECK(works[0].item.proposal_id == c.proposals[0]);
    CHECK(works[0].item.category == domain::category::obra);
    CHECK(works[0].item.approved == 10000000);
    CHECK(works[0].item.quantity == 0);
    CHECK(works[0].item.state == domain::work_state::planeado);
    CHECK(works[0].origin == "votacion");
    CHECK(works[0].round_id == counted);
    CHECK(works[0].assembly_id == c.hot.info().assembly_id);
    CHECK(works[1].item.category == domain::category::equipamiento);
    CHECK(works[1].item.quantity == 1);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'work.created'") == 2);

    // Idempotent: running it again (the demo seeder does) creates nothing more.
    int again = -1;
    REQUIRE(c.s.writer().run([&](store::write_context& w) -> domain::status {
        auto a = store::find_assembly(w.db(), clues, 2026);
        REQUIRE(a);
        again = app::create_voted_work_items(w, *a);
        return {};
    }));
    CHECK(again == 0);
    CHECK(c.works().size() == 2);

    auto db = c.s.readers().acquire();
    auto board = app::read_board(*db, clues, std::nullopt, "2026-03-01");
    REQUIRE(board);
    CHECK(board->edition == 2026);
    CHECK(board->works.size() == 2);
    CHECK(board->clinic.asignado == 15000000);
    CHECK(board->clinic.saldo == 60000000 - 15000000);
    REQUIRE_FALSE(board->works[0].next.empty());
    CHECK(board->works[0].next[0].code == "move_cotizando");
}

TEST_CASE("an assembly closed without a revealed budget round creates no work items") {
    voting_clinic c;
    c.budget_round({std::to_string(c.proposals[0])}, false);
    REQUIRE(c.run(app::transition_assembly(domain::assembly_state::cerrada, c.s.ballot_keys())));
    CHECK(c.works().empty());
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'work.created'") == 0);
}

} // namespace followup_vote_test
