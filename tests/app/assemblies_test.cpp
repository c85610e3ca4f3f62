// The assembly's use cases run as a room runs them (tests/app/run_command.hpp), against a real
// store: the rules are checked when prepared and again inside the write.
#include "app/assemblies.hpp"
#include "app/rounds.hpp"
#include "run_command.hpp"
#include "store/ballot_keys.hpp"
#include "store/clinic_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using asamblea::test::run_command;
using state = domain::assembly_state;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace assemblies_test {

namespace {

constexpr const char* clues = "CSIMB000001";

void add_clinic(store::store& s) {
    REQUIRE(s.writer().run([](store::write_context& w) -> domain::status {
        store::upsert_clinics(w, {domain::clinic{clues, "Centro de Salud", "Chiapas", "Ocosingo",
                                                 "IMSS-BIENESTAR", 2, "UMF", 60000000}});
        return {};
    }));
}

} // namespace

TEST_CASE("an assembly is convened once per edition, only for a clinic that exists") {
    test_dir dir;
    store::store s(dir.str());
    app::hot_state hot;
    auto create = [&](int edition) {
        return run_command(s, clues, hot,
                           app::create_assembly({edition, "2026-02-21T17:00:00.000Z", 10}));
    };
    auto unknown = create(2026);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == "not_found");
    add_clinic(s);
    REQUIRE(create(2026));
    CHECK(hot.info().edition == 2026);
    CHECK(hot.info().state == state::convocada);
    CHECK(create(2026).error().code == "assembly_exists");
    CHECK(create(2025).error().code == "newer_assembly_exists");
}

TEST_CASE("the assembly moves through its states; the close destroys its ballot key") {
    test_dir dir;
    store::store s(dir.str());
    add_clinic(s);
    app::hot_state hot;
    REQUIRE(
        run_command(s, clues, hot, app::create_assembly({2026, "2026-02-21T17:00:00.000Z", 0})));
    auto& keys = s.ballot_keys();
    auto move = [&](state to) {
        return run_command(s, clues, hot, app::transition_assembly(to, keys));
    };
    CHECK(move(state::en_sesion).error().code == "bad_transition");
    REQUIRE(move(state::registro));
    REQUIRE(move(state::en_sesion));
    auto id = hot.info().assembly_id;
    CHECK(keys.find(id));
    CHECK(hot.info().state == state::en_sesion);

    // A round open keeps the assembly open, before the write and inside it.
    app::round_request motion;
    motion.kind = domain::round_kind::motion;
    motion.title = "¿Aprobamos el orden del día?";
    auto round = run_command(s, clues, hot, app::create_round(motion));
    REQUIRE(round);
    REQUIRE(run_command(s, clues, hot, app::open_round(round->round_id, 0, false)));
    CHECK(move(state::cerrada).error().code == "round_open");
    REQUIRE(run_command(s, clues, hot, app::close_round(round->round_id)));
    REQUIRE(move(state::cerrada));
    CHECK_FALSE(keys.find(id));
    CHECK(run_command(s, clues, hot, app::update_quorum(3)).error().code == "wrong_state");
}

TEST_CASE("a national schedule creates, reschedules while convocada, and skips the rest") {
    test_dir dir;
    store::store s(dir.str());
    add_clinic(s);
    app::hot_state hot;
    using outcome = app::clinic_scheduled::outcome;
    auto schedule = [&](const char* at) {
        return run_command(s, clues, hot, app::schedule_clinic(2026, at, 12));
    };
    CHECK(schedule("2026-02-21T17:00:00.000Z")->result == outcome::created);
    CHECK(schedule("2026-02-28T17:00:00.000Z")->result == outcome::updated);
    CHECK(hot.info().scheduled_at == "2026-02-28T17:00:00.000Z");
    CHECK(hot.info().quorum_min == 12);
    REQUIRE(run_command(s, clues, hot, app::transition_assembly(state::registro, s.ballot_keys())));
    CHECK(schedule("2026-03-07T17:00:00.000Z")->result == outcome::skipped);
    CHECK(hot.info().scheduled_at == "2026-02-28T17:00:00.000Z");
}

} // namespace assemblies_test
