// Busy instead of queueing (issue 17 items 3 and 13): logins hash their passwords (argon2id) on a
// bounded pool of their own, so they never hold the REST workers, and the REST workers' queue is
// bounded too; past either bound a request gets 503 with Retry-After at once.
//
// The pools are held full without timing: the writer is stalled by a command of the test, so a
// login (which saves its token) or a logout (which revokes one) keeps its thread until the test
// lets the writer go. Every wait below is for an event, with a generous limit.
#include "http_client.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <string>
#include <thread>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace busy_test {

namespace {

using namespace std::chrono_literals;

constexpr auto generous = 20s;
const std::string clinic_rounds = "/api/c/CSIMB000001/rounds";

// The value of one unlabelled metric, or -1 when /metrics does not have it.
long long metric(unsigned short port, const std::string& name) {
    http_client c(port);
    auto body = c.request("GET", "/metrics").body;
    auto at = body.find("\n" + name + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(body.substr(at + name.size() + 2));
}

// Polls until the condition holds or a generous time has passed; whether it held. (Checked, not
// required, while the writer is held: a failure must still reach the release below, or the
// pending requests' futures would wait for it forever.)
bool wait_until(const std::function<bool()>& condition) {
    auto deadline = std::chrono::steady_clock::now() + generous;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition())
            return true;
        std::this_thread::sleep_for(10ms);
    }
    return condition();
}

// Holds the writer thread inside a command until released, so anything that commits waits.
class writer_stall {
public:
    explicit writer_stall(asamblea::store::store& s) {
        auto entered = std::make_shared<std::promise<void>>();
        auto in = entered->get_future();
        auto go = release_.get_future().share();
        auto submitted = s.writer().submit(
            [entered, go](asamblea::store::write_context&) -> asamblea::domain::status {
                entered->set_value();
                go.wait();
                return {};
            },
            [](asamblea::domain::status) {});
        REQUIRE(submitted);
        REQUIRE(in.wait_for(generous) == std::future_status::ready);
    }
    ~writer_stall() { release(); }
    void release() {
        if (!released_)
            release_.set_value();
        released_ = true;
    }

private:
    std::promise<void> release_;
    bool released_ = false;
};

std::string login_body(const std::string& user) {
    return nlohmann::json{{"username", user}, {"password", "clave-de-prueba"}}.dump();
}

// One request on a connection of its own, answered on another thread.
std::future<http_reply> in_background(unsigned short port, std::string method, std::string target,
                                      std::string body = {},
                                      std::map<std::string, std::string> headers = {}) {
    return std::async(std::launch::async, [=] {
        http_client c(port);
        return c.request(method, target, body, headers);
    });
}

bool ready(std::future<http_reply>& f, std::chrono::seconds within = generous) {
    return f.wait_for(within) == std::future_status::ready;
}

} // namespace

TEST_CASE("logins wait on a pool of their own: a public GET still answers, the excess gets 503") {
    asamblea::server::server_config config;
    config.workers = 2;
    config.password_threads = 1;
    config.password_queue = 1;
    running_server s(config);
    writer_stall stall(s.srv->store());

    // The first login checks its password, then waits for the writer to save its token: it
    // holds the one password thread.
    auto first = in_background(s.port, "POST", "/api/auth/login", login_body("mod"));
    CHECK(wait_until([&] { return metric(s.port, "asamblea_writer_queue_depth") >= 1; }));
    // The second waits for that thread (before the change: on a second REST worker).
    auto second = in_background(s.port, "POST", "/api/auth/login", login_body("coord"));
    CHECK(wait_until([&] { return metric(s.port, "asamblea_requests_in_flight") == 2; }));

    // A third login, of a name nobody has, goes through the same pool (an unknown name costs
    // the same argon2id as a known one) and finds it full; a public page's GET is not held.
    auto third = in_background(s.port, "POST", "/api/auth/login", login_body("nadie-1234"));
    auto rounds = in_background(s.port, "GET", clinic_rounds);
    const bool third_answered = ready(third);
    const bool rounds_answered = ready(rounds);
    const bool logins_done = ready(first, 0s) || ready(second, 0s);
    stall.release();

    CHECK_MESSAGE(rounds_answered, "GET rounds waited behind the logins");
    CHECK_MESSAGE(third_answered, "the excess login waited instead of being refused");
    CHECK_MESSAGE(!logins_done, "a queued login finished while the writer was held");
    if (rounds_answered)
        CHECK(rounds.get().status == 200);
    if (third_answered) {
        auto busy = third.get();
        CHECK(busy.status == 503);
        CHECK(busy.header("Retry-After") == "1");
        auto body = nlohmann::json::parse(busy.body);
        CHECK(body["error"] == "busy");
        CHECK(body["message"].get<std::string>().find("inicios de sesión") != std::string::npos);
    }
    // Once the writer moves, the queued logins go through.
    REQUIRE(ready(first));
    REQUIRE(ready(second));
    CHECK(first.get().status == 200);
    CHECK(second.get().status == 200);
    CHECK(metric(s.port, "asamblea_password_busy_total") == 1);
    CHECK(metric(s.port, "asamblea_password_queue_waiting") == 0);
    CHECK(metric(s.port, "asamblea_rest_busy_total") == 0);
}

TEST_CASE("a full REST queue answers 503 at once; health, metrics and pages are still served") {
    asamblea::server::server_config config;
    config.workers = 1;
    config.rest_queue = 1;
    running_server s(config);
    writer_stall stall(s.srv->store());

    // A logout revokes its token through the writer: it holds the one worker.
    auto first = in_background(s.port, "POST", "/api/auth/logout", "",
                               {{"Authorization", "Bearer no-es-un-token"}});
    CHECK(wait_until([&] { return metric(s.port, "asamblea_writer_queue_depth") >= 1; }));
    // The next request waits for it: the queue's one place.
    auto second = in_background(s.port, "GET", clinic_rounds);
    CHECK(wait_until([&] { return metric(s.port, "asamblea_requests_in_flight") == 2; }));

    auto third = in_background(s.port, "GET", clinic_rounds);
    const bool third_answered = ready(third);
    // Never queued behind the workers.
    http_client c(s.port);
    auto health = c.request("GET", "/healthz");
    auto page = c.request("GET", "/");
    auto waiting = metric(s.port, "asamblea_rest_queue_waiting");
    const bool queued_done = ready(second, 0s);
    stall.release();

    CHECK_MESSAGE(third_answered, "the request past the bound waited instead of being refused");
    CHECK_MESSAGE(!queued_done, "the queued request finished while the worker was held");
    if (third_answered) {
        auto busy = third.get();
        CHECK(busy.status == 503);
        CHECK(busy.header("Retry-After") == "1");
        auto body = nlohmann::json::parse(busy.body);
        CHECK(body["error"] == "busy");
        CHECK(body["message"].get<std::string>().find("ocupado") != std::string::npos);
    }
    CHECK(health.status == 200);
    CHECK(page.status == 200);
    CHECK(waiting == 1);

    REQUIRE(ready(first));
    REQUIRE(ready(second));
    CHECK(first.get().status == 401); // not a live token, as ever
    CHECK(second.get().status == 200);
    CHECK(metric(s.port, "asamblea_rest_busy_total") == 1);
    CHECK(metric(s.port, "asamblea_rest_queue_waiting") == 0);
    // The workers are free again: the same request is answered.
    CHECK(c.request("GET", clinic_rounds).status == 200);
}

} // namespace busy_test
