// A WebSocket never gets the same snapshot version twice: a hello while the room had a coalesced
// push scheduled used to get the current snapshot at once and then the same version again.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

TEST_CASE("a hello while a snapshot push is pending gets each version once") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    const std::string clinic = "CSIMB000001";
    auto a = setup_assembly(c, token, clinic, 3, {100000, 200000}, 1);
    int extra = 0;
    auto check_in = [&] {
        auto n = std::to_string(++extra);
        call(c, "POST", "/api/c/" + clinic + "/attendees", token,
             {{"nombre", "Persona extra " + n},
              {"identificador", "EXTRA-" + n},
              {"sexo", "otro"},
              {"mayor_de_edad", true}},
             201);
    };

    for (int k = 0; k < 8; ++k) {
        CAPTURE(k);
        // The first change goes out at once; the second, inside the broadcast interval, waits
        // for a push the room schedules. The hello arrives while that push is pending.
        check_in();
        check_in();
        ws_client ws(s.port, clinic);
        // Projectors and phones are subscribed apart; both must hold.
        json hello = {{"type", "hello"}};
        if (k % 2)
            hello["credential"] = a.codes[static_cast<std::size_t>(k) % a.codes.size()];
        ws.send(hello);
        REQUIRE(ws.next_of("welcome"));
        std::vector<std::uint64_t> versions;
        while (auto snap = ws.next_of("snapshot", std::chrono::milliseconds(500)))
            versions.push_back((*snap)["version"].get<std::uint64_t>());
        REQUIRE_FALSE(versions.empty()); // a fresh client always gets the current state
        for (std::size_t i = 1; i < versions.size(); ++i)
            CHECK_MESSAGE(versions[i] > versions[i - 1],
                          "version " << versions[i] << " after " << versions[i - 1]);
    }
}
