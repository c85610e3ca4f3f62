// Incidents noted by the moderator, run as a room runs them (tests/app/run_command.hpp) against a
// real store: the state and the text are checked when prepared and again inside the write.
#include "app/assemblies.hpp"
#include "app/incidents.hpp"
#include "run_command.hpp"
#include "store/acta_facts_repo.hpp"
#include "store/audit_chain.hpp"
#include "store/clinic_repo.hpp"
#include "store/crypto.hpp"
#include "store/user_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using asamblea::test::run_command;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace incidents_test {

namespace {

constexpr const char* clues = "CSIMB000001";

// The clinic and a moderator of it; the moderator's user id.
std::int64_t add_clinic_and_moderator(store::store& s) {
    std::int64_t user = 0;
    REQUIRE(s.writer().run([&](store::write_context& w) -> domain::status {
        store::upsert_clinics(w, {domain::clinic{clues, "Centro de Salud", "Chiapas", "Ocosingo",
                                                 "IMSS-BIENESTAR", 2, "UMF", 60000000}});
        auto id = store::save_user(w, "mod.ocosingo", "no-es-un-hash", domain::role::moderator,
                                   {clues}, false);
        if (!id)
            return std::unexpected(id.error());
        user = *id;
        return {};
    }));
    return user;
}

} // namespace

TEST_CASE("a moderator notes incidents while the assembly is open; each is audited") {
    test_dir dir;
    store::store s(dir.str());
    auto user = add_clinic_and_moderator(s);
    app::hot_state hot;
    auto note = [&](std::string text) {
        return run_command(s, clues, hot, app::note_incident(user, std::move(text)));
    };
    auto move = [&](domain::assembly_state to) {
        return run_command(s, clues, hot, app::transition_assembly(to, s.ballot_keys()));
    };
    CHECK(note("Sin asamblea todavía").error().code == "no_assembly");
    REQUIRE(
        run_command(s, clues, hot, app::create_assembly({2026, "2026-02-21T17:00:00.000Z", 2})));
    CHECK(note("Antes de abrir").error().code == "wrong_state");

    REQUIRE(move(domain::assembly_state::registro));
    auto first = note("  Se fue la luz   10 minutos. ");
    REQUIRE(first);
    CHECK(first->event.text == "Se fue la luz 10 minutos.");
    CHECK(first->event.id > 0);
    CHECK(note(" ").error().field == "text");
    REQUIRE(move(domain::assembly_state::en_sesion));
    REQUIRE(move(domain::assembly_state::suspendida));
    REQUIRE(note("Se suspendió por lluvia."));
    REQUIRE(move(domain::assembly_state::en_sesion));

    auto db = s.readers().acquire();
    auto listed = app::read_incidents(*db, clues);
    REQUIRE(listed);
    REQUIRE(listed->size() == 2);
    CHECK((*listed)[0].text == "Se fue la luz 10 minutos.");
    CHECK((*listed)[0].username == "mod.ocosingo");
    CHECK((*listed)[1].text == "Se suspendió por lluvia.");
    CHECK_FALSE((*listed)[0].at.empty());

    // The chain holds a digest of the text, never the text (it is public before the acta is).
    int noted = 0;
    for (const auto& e : store::read_chain(*db, clues)) {
        CHECK(e.payload.dump().find("luz") == std::string::npos);
        if (e.type != "incident.noted")
            continue;
        ++noted;
        if (e.payload["incident_id"] == first->event.id) {
            CHECK(e.payload["text_sha256"] == store::sha256_hex("Se fue la luz 10 minutos."));
            CHECK(e.payload["by"] == user);
        }
    }
    CHECK(noted == 2);

    // Who acted in the assembly: the moderator who noted incidents.
    auto staff = store::list_acting_staff(*db, hot.info().assembly_id);
    REQUIRE(staff.size() == 1);
    CHECK(staff[0].username == "mod.ocosingo");
    CHECK(staff[0].role == "moderator");
    // The state changes with their times, from the chain.
    auto changes = store::list_state_changes(*db, clues, hot.info().assembly_id);
    REQUIRE(changes.size() == 4);
    CHECK(changes[0].from == "convocada");
    CHECK(changes[0].to == "registro");
    CHECK(changes[3].to == "en_sesion");

    REQUIRE(move(domain::assembly_state::cerrada));
    CHECK(note("Después del cierre").error().code == "wrong_state");
    CHECK(store::list_incidents(*db, hot.info().assembly_id).size() == 2);
}

} // namespace incidents_test
