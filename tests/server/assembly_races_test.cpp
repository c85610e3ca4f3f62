#include "assembly_helpers.hpp"
#include "store/audit_chain.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace assembly_races_test {

namespace {

/// Sends the same request from `n` connections at once; returns each status.
std::vector<unsigned> in_parallel(unsigned short port, int n, const std::string& method,
                                  const std::string& path, const std::string& body,
                                  const headers& h) {
    std::vector<unsigned> statuses(static_cast<std::size_t>(n));
    std::vector<std::thread> threads;
    std::atomic<int> ready{0};
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&, i] {
            http_client c(port);
            ++ready;
            while (ready < n)
                std::this_thread::yield();
            statuses[static_cast<std::size_t>(i)] = c.request(method, path, body, h).status;
        });
    for (auto& t : threads)
        t.join();
    return statuses;
}

long long count_of(const std::vector<unsigned>& v, unsigned status) {
    return std::count(v.begin(), v.end(), status);
}

} // namespace

TEST_CASE("concurrent duplicates: one check-in, one open floor request, one transition") {
    assembly_env e;
    e.move_to("registro");
    const std::string base = "/api/c/CSIMB000001";

    auto regs = in_parallel(e.s.port, 12, "POST", base + "/attendees",
                            json{{"nombre", "Ana Pérez"},
                                 {"identificador", "NSS-RACE"},
                                 {"sexo", "mujer"},
                                 {"mayor_de_edad", true}}
                                .dump(),
                            bearer(e.mod));
    CHECK(count_of(regs, 201) == 1);
    CHECK(count_of(regs, 409) == 11);
    CHECK(count_rows(e.s, "SELECT count(*) FROM attendees") == 1);
    CHECK(count_rows(e.s, "SELECT count(*) FROM credentials") == 1);
    CHECK(count_rows(e.s, "SELECT count(*) FROM audit_events WHERE type LIKE 'attendee.%'") == 1);

    auto ana = e.check_in("Beto Gómez", "NSS-B");
    std::string code = ana["credential"]["code"];
    auto asks = in_parallel(e.s.port, 12, "POST", base + "/floor", {}, credential(code));
    CHECK(count_of(asks, 201) == 1);
    CHECK(count_of(asks, 409) == 11);
    CHECK(count_rows(e.s, "SELECT count(*) FROM floor_requests") == 1);

    auto moves = in_parallel(e.s.port, 8, "POST", base + "/assembly/transition",
                             R"({"to":"en_sesion"})", bearer(e.mod));
    CHECK(count_of(moves, 200) == 1);
    CHECK(count_of(moves, 409) == 7);
    CHECK(count_rows(e.s, "SELECT count(*) FROM audit_events WHERE type = "
                          "'assembly.transition'") == 2);
    CHECK(asamblea::store::verify_chains(*e.s.srv->store().readers().acquire()).ok());
}

} // namespace assembly_races_test
