// The commits that reach a room together (one writer batch) make one push to its projectors,
// after their answers: the projector's count jumps from before the batch to after it
// (docs/architecture.md «The path of a ballot»).
#include "assembly_setup.hpp"
#include "server/rooms/room.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <thread>
#include <vector>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace room_push_test {

namespace {

const std::string clinic = "CSIMB000001";
constexpr int phones = 4;

// The writer waits for `phones` commands (up to 2 s) before every batch: the ballots below,
// sent together, commit together.
asamblea::server::server_config batching_writer() {
    asamblea::server::server_config config;
    config.writes.always_wait = true;
    config.writes.max_delay = std::chrono::milliseconds(2000);
    config.writes.enough_company = phones;
    return config;
}

} // namespace

TEST_CASE("a batch of a room's ballots reaches the projector in one push") {
    running_server s(batching_writer());
    http_client c(s.port);
    auto a = setup_assembly(c, login(c, "coord"), clinic, phones, {100000, 150000}, 1);
    ws_client projector(s.port, clinic);
    projector.send({{"type", "hello"}});
    REQUIRE(projector.next_of("welcome"));
    auto first = projector.next_of("snapshot");
    REQUIRE(first);
    REQUIRE((*first)["round"]["ballots"] == 0);

    std::vector<std::unique_ptr<ws_client>> voters;
    for (int i = 0; i < phones; ++i) {
        auto& phone = *voters.emplace_back(std::make_unique<ws_client>(s.port, clinic));
        phone.send({{"type", "hello"},
                    {"hidden", true},
                    {"credential", a.codes[static_cast<std::size_t>(i)]}});
        REQUIRE(phone.next_of("welcome"));
    }
    // Past the interval since the room's last push (the round's opening): a push spaced by
    // interval alone would now go with the batch's first ballot.
    std::this_thread::sleep_for(2 * asamblea::server::room::broadcast_interval);
    for (int i = 0; i < phones; ++i)
        voters[static_cast<std::size_t>(i)]->send({{"type", "ballot"},
                                                   {"round_id", a.round_id},
                                                   {"ballot_id", "b-push-" + std::to_string(i)},
                                                   {"choices", {a.proposal_ids[0]}}});
    for (auto& phone : voters)
        REQUIRE(phone->next_of("ack"));

    // Every snapshot until the count is complete: none shows part of the batch.
    std::vector<json> seen;
    auto done = projector.snapshot_where([&](const json& m) {
        seen.push_back(m);
        return m["round"].value("ballots", -1) == phones;
    });
    REQUIRE(done);
    for (const auto& m : seen) {
        CAPTURE(m);
        auto ballots = m["round"].value("ballots", -1);
        CHECK((ballots == 0 || ballots == phones));
    }
}

} // namespace room_push_test
