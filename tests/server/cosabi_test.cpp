// COSABI (issue 6) against the real server: nominations (self from the phone, by the moderator),
// role elections from them, a single-seat tie and its runoff, vocalías with parity, the elected
// committee per term, the ratification motion, and the one-time invitation codes.
#include "assembly_setup.hpp"
#include "domain/invitation.hpp"
#include "ws_client.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace cosabi_test {

namespace {

const std::string clinic = "CSIMB000001";
const std::string base = "/api/c/" + clinic;

// The headers of a request with any Authorization value (Credential or Bearer), or none.
std::map<std::string, std::string> auth_headers(const std::string& auth) {
    std::map<std::string, std::string> headers;
    if (!auth.empty())
        headers["Authorization"] = auth;
    return headers;
}

http_reply send(http_client& c, const std::string& method, const std::string& target,
                const std::string& auth, const json& body = nullptr) {
    return c.request(method, target, body.is_null() ? std::string() : body.dump(),
                     auth_headers(auth));
}

json parsed(const http_reply& r) {
    return r.body.empty() ? json() : json::parse(r.body);
}

#define CHECK_REPLY(reply, status_, code_)                                                         \
    do {                                                                                           \
        auto r_ = (reply);                                                                         \
        CHECK_MESSAGE(r_.status == (status_), r_.body);                                            \
        if (std::string(code_).size())                                                             \
            CHECK_MESSAGE(parsed(r_)["error"] == (code_), r_.body);                                \
    } while (0)

std::string cred(const std::string& code) {
    return "Credential " + code;
}

json nominate_self(http_client& c, const std::string& code, const std::string& role) {
    auto r = send(c, "POST", base + "/nominations", cred(code), {{"role", role}});
    CHECK_MESSAGE(r.status == 201, r.body);
    return parsed(r);
}

json nominate(http_client& c, const std::string& token, std::int64_t attendee,
              const std::string& role) {
    return call(c, "POST", base + "/nominations", token,
                {{"role", role}, {"attendee_id", attendee}}, 201);
}

// A phone's socket says hello with its credential and is welcomed.
void hello(ws_client& ws, const std::string& code) {
    ws.send({{"type", "hello"}, {"credential", code}});
    REQUIRE(ws.next_of("welcome"));
}

// One ballot over the WebSocket, acknowledged (durable).
void vote(running_server& s, const std::string& code, std::int64_t round,
          const std::vector<std::string>& choices) {
    static int serial = 0;
    ws_client ws(s.port, clinic);
    hello(ws, code);
    ws.send({{"type", "ballot"},
             {"round_id", round},
             {"ballot_id", "cosabi-" + std::to_string(++serial) + "-ballot"},
             {"choices", choices}});
    auto ack = ws.next_of("ack");
    REQUIRE_MESSAGE(ack, "no ack for " << json(choices).dump());
}

std::string id_of(const assembly_setup& a, int i) {
    return std::to_string(a.attendee_ids[static_cast<std::size_t>(i)]);
}

json round_action(http_client& c, const std::string& token, std::int64_t round,
                  const std::string& action, unsigned expect = 200) {
    return call(c, "POST", base + "/rounds/" + std::to_string(round) + "/" + action, token, nullptr,
                expect);
}

json close_and_reveal(http_client& c, const std::string& token, std::int64_t round) {
    round_action(c, token, round, "close");
    return round_action(c, token, round, "reveal");
}

// A new election round for `role`, its options from the nominations, as the moderator creates it.
json role_election(http_client& c, const std::string& mod, const std::string& role) {
    return call(c, "POST", base + "/rounds", mod, {{"kind", "election"}, {"role", role}}, 201);
}

std::string runoff_url(std::int64_t round) {
    return base + "/rounds/" + std::to_string(round) + "/runoff";
}

long long audit_count(running_server& s, const std::string& type) {
    auto db = s.srv->store().readers().acquire();
    SQLite::Statement q(*db, "SELECT count(*) FROM audit_events WHERE type = ?");
    q.bind(1, type);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

bool audit_mentions(running_server& s, const std::string& text) {
    auto db = s.srv->store().readers().acquire();
    SQLite::Statement q(*db, "SELECT count(*) FROM audit_events WHERE instr(payload, ?) > 0");
    q.bind(1, text);
    q.executeStep();
    return q.getColumn(0).getInt64() > 0;
}

// The same request from `n` connections at once; each status.
std::vector<unsigned> in_parallel(unsigned short port, int n, const std::string& method,
                                  const std::string& path,
                                  const std::function<std::string(int)>& body,
                                  const std::string& auth) {
    std::vector<unsigned> statuses(static_cast<std::size_t>(n));
    std::vector<std::thread> threads;
    std::atomic<int> ready{0};
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&, i] {
            http_client c(port);
            ++ready;
            while (ready < n)
                std::this_thread::yield();
            statuses[static_cast<std::size_t>(i)] =
                c.request(method, path, body(i), auth_headers(auth)).status;
        });
    for (auto& t : threads)
        t.join();
    return statuses;
}

long long count_of(const std::vector<unsigned>& v, unsigned status) {
    return std::count(v.begin(), v.end(), status);
}

// Attendee `i` nominated for tesorería and elected by one ballot; the member as the moderator
// sees it.
json elect_treasurer(running_server& s, http_client& c, const std::string& mod,
                     const assembly_setup& a, int i) {
    nominate(c, mod, a.attendee_ids[static_cast<std::size_t>(i)], "tesoreria");
    auto e = role_election(c, mod, "tesoreria");
    round_action(c, mod, e["id"], "open");
    vote(s, a.codes[0], e["id"], {id_of(a, i)});
    close_and_reveal(c, mod, e["id"]);
    auto members = call(c, "GET", base + "/committee", mod, nullptr, 200)["members"];
    REQUIRE(members.size() == 1);
    return members[0];
}

std::string invitation_url(const json& member) {
    return base + "/committee/" + std::to_string(member["id"].get<int>()) + "/invitation";
}

long long rows(running_server& s, const std::string& sql) {
    auto db = s.srv->store().readers().acquire();
    return db->execAndGet(sql).getInt64();
}

// The 2025 assembly, in session with one person registered (Rosa Pérez); her attendee and
// credential as registered.
json assembly_2025_with_rosa(http_client& c, const std::string& token) {
    call(c, "POST", base + "/assembly", token,
         {{"edition", 2025}, {"scheduled_at", "2025-02-22T17:00:00.000Z"}, {"quorum_min", 1}}, 201);
    call(c, "POST", base + "/assembly/transition", token, {{"to", "registro"}}, 200);
    auto person = call(c, "POST", base + "/attendees", token,
                       {{"nombre", "Rosa Pérez"},
                        {"identificador", "ROSA-2025"},
                        {"sexo", "mujer"},
                        {"mayor_de_edad", true}},
                       201);
    call(c, "POST", base + "/assembly/transition", token, {{"to", "en_sesion"}}, 200);
    return person;
}

http_reply login_as(http_client& c, const std::string& username) {
    return c.request("POST", "/api/auth/login",
                     json{{"username", username}, {"password", "una-clave-larga"}}.dump());
}

std::string claim_body(const std::string& code, const std::string& username,
                       const std::string& password = "una-clave-larga") {
    return json{{"code", code}, {"username", username}, {"password", password}}.dump();
}

http_reply claim_at(http_client& c, const std::string& clues, const std::string& code,
                    const std::string& username, const std::string& password = "una-clave-larga") {
    return c.request("POST", "/api/c/" + clues + "/committee/claim",
                     claim_body(code, username, password));
}

// A server with the coordinator and the moderator logged in: the start of most tests.
struct staff_env {
    running_server s;
    http_client c{s.port};
    std::string token = login(c, "coord");
    std::string mod = login(c, "mod");
};

// A server whose clinic has a treasurer elected (Persona 1): the start of the account tests.
struct treasurer_env {
    running_server s;
    http_client c{s.port};
    std::string token = login(c, "coord");
    std::string mod = login(c, "mod");
    assembly_setup a = setup_assembly(c, token, clinic, 3, {100000}, 1, false);
    json member = elect_treasurer(s, c, mod, a, 1);

    /// A new invitation for `m` (default: the treasurer), as the moderator gets it.
    json invite(const json& m = nullptr) {
        return call(c, "POST", invitation_url(m.is_null() ? member : m), mod, nullptr, 201);
    }
};

} // namespace

TEST_CASE("nominations: from the phone and by the moderator, listed, withdrawn, and refused") {
    staff_env env;
    auto& [s, c, token, mod] = env;
    auto a = setup_assembly(c, token, clinic, 6, {100000}, 1, false);

    // A person nominates themselves from the phone.
    auto own = nominate_self(c, a.codes[0], "presidencia");
    CHECK(own["role"] == "presidencia");
    CHECK(own["role_label"] == "Presidencia");
    CHECK(own["attendee_id"] == a.attendee_ids[0]);
    CHECK(own["nombre"] == "Persona 0");
    CHECK(own["sexo"] == "mujer");
    CHECK(own["by"] == "self");
    CHECK(own["withdrawn_at"].is_null());
    CHECK_REPLY(send(c, "POST", base + "/nominations", cred(a.codes[0]), {{"role", "presidencia"}}),
                409, "already_nominated");
    // The same person may stand for another role.
    nominate_self(c, a.codes[0], "vocalia");
    // Only for themselves.
    CHECK_REPLY(send(c, "POST", base + "/nominations", cred(a.codes[0]),
                     {{"role", "tesoreria"}, {"attendee_id", a.attendee_ids[1]}}),
                403, "not_yours");

    // The moderator nominates someone else.
    auto by_mod = nominate(c, mod, a.attendee_ids[1], "presidencia");
    CHECK(by_mod["by"] == "moderator");
    CHECK(by_mod["nombre"] == "Persona 1");
    CHECK_REPLY(send(c, "POST", base + "/nominations", "Bearer " + mod, {{"role", "tesoreria"}}),
                400, "missing_attendee");
    CHECK_REPLY(send(c, "POST", base + "/nominations", "Bearer " + mod,
                     {{"role", "tesoreria"}, {"attendee_id", 999999}}),
                404, "not_found");
    CHECK_REPLY(send(c, "POST", base + "/nominations", "Bearer " + mod,
                     {{"role", "rey"}, {"attendee_id", a.attendee_ids[2]}}),
                400, "");
    CHECK_REPLY(send(c, "POST", base + "/nominations", "", {{"role", "tesoreria"}}), 401, "");
    CHECK_REPLY(send(c, "POST", base + "/nominations", cred("K7P4M2Q9"), {{"role", "tesoreria"}}),
                401, "bad_credential");
    CHECK_REPLY(send(c, "POST", "/api/c/CSIMB000002/nominations", "Bearer " + mod,
                     {{"role", "tesoreria"}, {"attendee_id", a.attendee_ids[2]}}),
                403, "");

    // Someone whose credential was revoked cannot stand, nor nominate themselves.
    call(c, "POST", base + "/attendees/" + id_of(a, 5) + "/revoke", token, nullptr, 200);
    CHECK_REPLY(send(c, "POST", base + "/nominations", "Bearer " + mod,
                     {{"role", "tesoreria"}, {"attendee_id", a.attendee_ids[5]}}),
                409, "not_present");
    CHECK_REPLY(send(c, "POST", base + "/nominations", cred(a.codes[5]), {{"role", "tesoreria"}}),
                401, "credential_revoked");

    // The public list: active nominations, by role, and the roles with their seats.
    auto list = parsed(send(c, "GET", base + "/nominations", ""));
    REQUIRE(list["items"].size() == 3);
    REQUIRE(list["roles"].size() == 5);
    CHECK(list["roles"][4]["role"] == "vocalia");
    CHECK(list["roles"][4]["max_seats"] == 5);
    CHECK(list["roles"][1]["label"] == "Secretaría técnica");

    // Withdrawing: the person their own, the moderator any.
    std::string own_path = base + "/nominations/" + std::to_string(own["id"].get<int>());
    std::string mod_path = base + "/nominations/" + std::to_string(by_mod["id"].get<int>());
    CHECK_REPLY(send(c, "DELETE", mod_path, cred(a.codes[0])), 403, "not_yours");
    auto gone = send(c, "DELETE", own_path, cred(a.codes[0]));
    CHECK(gone.status == 200);
    CHECK(parsed(gone)["withdrawn_by"] == "self");
    CHECK_FALSE(parsed(gone)["withdrawn_at"].is_null());
    CHECK_REPLY(send(c, "DELETE", own_path, cred(a.codes[0])), 409, "already_withdrawn");
    CHECK_REPLY(send(c, "DELETE", mod_path, "Bearer " + mod), 200, "");
    CHECK_REPLY(send(c, "DELETE", base + "/nominations/999999", "Bearer " + mod), 404,
                "nomination_not_found");
    CHECK(parsed(send(c, "GET", base + "/nominations", ""))["items"].size() == 1);
    // Withdrawn, a person can stand again.
    nominate_self(c, a.codes[0], "presidencia");

    // Only while the assembly is in registro or en_sesion.
    call(c, "POST", base + "/assembly/transition", token, {{"to", "suspendida"}}, 200);
    CHECK_REPLY(send(c, "POST", base + "/nominations", cred(a.codes[2]), {{"role", "tesoreria"}}),
                409, "wrong_state");
    call(c, "POST", base + "/assembly/transition", token, {{"to", "en_sesion"}}, 200);
    nominate_self(c, a.codes[2], "tesoreria");

    CHECK(audit_count(s, "nomination.created") == 5);
    CHECK(audit_count(s, "nomination.withdrawn") == 2);
}

TEST_CASE("a single-seat role: its round from the nominations, a tie, the runoff, the committee") {
    staff_env env;
    auto& [s, c, token, mod] = env;
    auto a = setup_assembly(c, token, clinic, 5, {100000}, 1, false);
    for (int i : {0, 1, 2})
        nominate(c, mod, a.attendee_ids[static_cast<std::size_t>(i)], "presidencia");

    // Refusals first: options are the nominations, the kind must be an election, one seat.
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"},
                      {"role", "presidencia"},
                      {"options", json::array({{{"id", "1"}, {"label", "X"}}})}}),
                400, "options_from_nominations");
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "motion"}, {"role", "tesoreria"}}),
                400, "bad_role");
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"}, {"role", "presidencia"}, {"seats", 2}}),
                400, "bad_seats");
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"}, {"role", "tesoreria"}}),
                409, "no_nominations");
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"}, {"role", "presidencia"}, {"ratify_committee", true}}),
                400, "");
    CHECK_REPLY(
        send(c, "POST", base + "/rounds", "", {{"kind", "election"}, {"role", "presidencia"}}), 401,
        "");

    auto round = role_election(c, mod, "presidencia");
    CHECK(round["role"] == "presidencia");
    CHECK(round["title"] == "Elección de presidencia del COSABI");
    CHECK(round["seats"] == 1);
    CHECK(round["max_choices"] == 1);
    REQUIRE(round["options"].size() == 3);
    CHECK(round["options"][0]["id"] == id_of(a, 0));
    CHECK(round["options"][0]["label"] == "Persona 0");
    CHECK(round["options"][1]["sexo"] == "hombre");
    std::int64_t first = round["id"];

    // While the role's round is pending, its candidates are fixed.
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"}, {"role", "presidencia"}}),
                409, "role_round_pending");
    CHECK_REPLY(send(c, "POST", base + "/nominations", cred(a.codes[3]), {{"role", "presidencia"}}),
                409, "role_round_pending");
    auto listed = parsed(send(c, "GET", base + "/nominations", ""));
    CHECK_REPLY(send(c, "DELETE",
                     base + "/nominations/" + std::to_string(listed["items"][0]["id"].get<int>()),
                     "Bearer " + mod),
                409, "role_round_pending");
    // Other roles still take nominations.
    nominate_self(c, a.codes[3], "tesoreria");

    // A runoff needs a closed round that tied.
    CHECK_REPLY(send(c, "POST", runoff_url(first), "Bearer " + mod), 409, "round_not_closed");

    round_action(c, mod, first, "open");
    vote(s, a.codes[0], first, {id_of(a, 0)});
    vote(s, a.codes[1], first, {id_of(a, 1)});
    vote(s, a.codes[2], first, {id_of(a, 0)});
    vote(s, a.codes[3], first, {id_of(a, 1)});
    vote(s, a.codes[4], first, {id_of(a, 2)});
    auto tied = close_and_reveal(c, mod, first);
    auto res = tied["results"];
    CHECK(res["runoff"] == true);
    CHECK(res["tied"] == json::array({id_of(a, 0), id_of(a, 1)}));
    CHECK(res["summary"] == "Hay empate: se necesita una segunda vuelta.");
    CHECK_FALSE(res["lines"][0]["selected"]);
    // A tie fills no seat.
    auto none = parsed(send(c, "GET", base + "/committee", ""));
    CHECK(none["members"].empty());
    CHECK(none["term"].is_null());

    CHECK_REPLY(send(c, "POST", runoff_url(a.round_id), "Bearer " + mod), 409, "round_not_closed");
    CHECK_REPLY(send(c, "POST", runoff_url(first), ""), 401, "");
    CHECK_REPLY(send(c, "POST", base + "/rounds/999999/runoff", "Bearer " + mod), 404, "");
    auto runoff = call(c, "POST", runoff_url(first), mod, nullptr, 201);
    CHECK(runoff["title"] == "Elección de presidencia del COSABI (segunda vuelta)");
    CHECK(runoff["runoff_of"] == first);
    CHECK(runoff["role"] == "presidencia");
    CHECK(runoff["status"] == "preparada");
    REQUIRE(runoff["options"].size() == 2);
    CHECK(runoff["options"][1]["label"] == "Persona 1");
    CHECK_REPLY(send(c, "POST", runoff_url(first), "Bearer " + mod), 409, "runoff_exists");
    std::int64_t second = runoff["id"];

    round_action(c, mod, second, "open");
    CHECK_REPLY(send(c, "POST", runoff_url(second), "Bearer " + mod), 409, "round_not_closed");
    vote(s, a.codes[0], second, {id_of(a, 0)});
    vote(s, a.codes[1], second, {id_of(a, 1)});
    vote(s, a.codes[4], second, {id_of(a, 0)});
    round_action(c, mod, second, "close");

    // Closed but not revealed: the public does not see the winner yet; the moderator does.
    CHECK(parsed(send(c, "GET", base + "/committee", ""))["members"].empty());
    auto staff_view = call(c, "GET", base + "/committee", mod, nullptr, 200);
    REQUIRE(staff_view["members"].size() == 1);
    CHECK(staff_view["members"][0]["revealed"] == false);
    CHECK(staff_view["members"][0]["account"] == "sin_invitacion");

    auto won = round_action(c, mod, second, "reveal");
    CHECK(won["results"]["summary"] == "Ganó «Persona 0» con 2 votos.");
    CHECK_REPLY(send(c, "POST", runoff_url(second), "Bearer " + mod), 409, "no_tie");
    auto committee = parsed(send(c, "GET", base + "/committee", ""));
    CHECK(committee["term"] == 2026);
    CHECK(committee["terms"] == json::array({2026}));
    REQUIRE(committee["members"].size() == 1);
    auto member = committee["members"][0];
    CHECK(member["role"] == "presidencia");
    CHECK(member["role_label"] == "Presidencia");
    CHECK(member["nombre"] == "Persona 0");
    CHECK(member["seat"] == 1);
    CHECK(member["source"] == "eleccion");
    CHECK(member["round_id"] == second);
    CHECK_FALSE(member.contains("account")); // the public view says nothing about logins
    CHECK(audit_count(s, "committee.elected") == 1);

    // The elected person cannot stand for another role in the same term.
    CHECK_REPLY(send(c, "POST", base + "/nominations", cred(a.codes[0]), {{"role", "tesoreria"}}),
                409, "already_elected");
    CHECK_REPLY(send(c, "GET", "/api/c/CSIMB999999/committee", ""), 404, "");
    CHECK_REPLY(send(c, "GET", base + "/committee?term=abc", ""), 400, "bad_term");
    CHECK(parsed(send(c, "GET", base + "/committee?term=2025", ""))["members"].empty());
}

TEST_CASE("vocalías: several seats, parity skips an over-represented sex, the rule is kept") {
    staff_env env;
    auto& [s, c, token, mod] = env;
    // Even positions are mujeres, odd ones hombres.
    auto a = setup_assembly(c, token, clinic, 6, {100000}, 1, false);
    for (int i : {0, 1, 2, 3, 4})
        nominate(c, mod, a.attendee_ids[static_cast<std::size_t>(i)], "vocalia");

    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"}, {"role", "vocalia"}, {"seats", 6}}),
                400, "bad_seats");
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"}, {"role", "vocalia"}, {"rule", "greedy"}}),
                400, "bad_rule");
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"},
                      {"role", "vocalia"},
                      {"seats", 5},
                      {"parity", true},
                      {"rule", "mes"}}),
                400, "bad_rule");

    auto round = call(c, "POST", base + "/rounds", mod,
                      {{"kind", "election"},
                       {"role", "vocalia"},
                       {"title", "Vocalías del COSABI"},
                       {"seats", 3},
                       {"parity", true}},
                      201);
    CHECK(round["seats"] == 3);
    CHECK(round["max_choices"] == 3);
    CHECK(round["rule"] == "av");
    CHECK(round["parity"] == true);
    std::int64_t id = round["id"];
    round_action(c, mod, id, "open");
    auto w0 = id_of(a, 0), m1 = id_of(a, 1), w2 = id_of(a, 2), m3 = id_of(a, 3), w4 = id_of(a, 4);
    // Approvals: w0 6, w2 5, w4 4, m1 2, m3 0 → without parity three mujeres.
    vote(s, a.codes[0], id, {w0, w2, w4});
    vote(s, a.codes[1], id, {w0, w2, w4});
    vote(s, a.codes[2], id, {w0, w2, w4});
    vote(s, a.codes[3], id, {w0, w2, w4});
    vote(s, a.codes[4], id, {w0, w2, m1});
    vote(s, a.codes[5], id, {w0, m1});
    // Too many approvals are refused on the phone's socket too.
    {
        ws_client ws(s.port, clinic);
        hello(ws, a.codes[5]);
        ws.send({{"type", "ballot"},
                 {"round_id", id},
                 {"ballot_id", "too-many-0001"},
                 {"choices", {w0, w2, w4, m1}}});
        auto refused = ws.next_of("error");
        REQUIRE(refused);
        CHECK((*refused)["error"] == "too_many_choices");
    }
    auto res = close_and_reveal(c, mod, id)["results"];
    auto lines = res["lines"];
    REQUIRE(lines.size() == 5);
    CHECK(lines[0]["selected"] == true);
    CHECK(lines[0]["seat"] == 1);
    CHECK(lines[2]["selected"] == true);
    CHECK(lines[2]["seat"] == 2);
    CHECK(lines[4]["selected"] == false); // w4: third mujer, skipped for parity
    CHECK(lines[4]["explanation"].get<std::string>().find("paridad") != std::string::npos);
    CHECK(lines[1]["selected"] == true); // m1 takes the third seat
    CHECK(lines[1]["seat"] == 3);
    CHECK(res["summary"].get<std::string>().find("Con paridad: ningún sexo ocupa más de 2 de los "
                                                 "3 lugares.") != std::string::npos);

    auto committee = parsed(send(c, "GET", base + "/committee", ""));
    REQUIRE(committee["members"].size() == 3);
    CHECK(committee["members"][0]["nombre"] == "Persona 0");
    CHECK(committee["members"][1]["nombre"] == "Persona 2");
    CHECK(committee["members"][2]["nombre"] == "Persona 1");
    CHECK(committee["members"][2]["seat"] == 3);
    CHECK(committee["members"][2]["role_label"] == "Vocalía");

    // Sequential Phragmén on the remaining people (nobody elected can stand again).
    nominate(c, mod, a.attendee_ids[5], "tesoreria");
    nominate(c, mod, a.attendee_ids[4], "tesoreria");
    auto treasurer = role_election(c, mod, "tesoreria");
    CHECK(treasurer["options"].size() == 2);
    CHECK_REPLY(send(c, "POST", base + "/nominations", "Bearer " + mod,
                     {{"role", "aval_ciudadano"}, {"attendee_id", a.attendee_ids[0]}}),
                409, "already_elected");
}

TEST_CASE("ratification keeps the previous committee for the new term") {
    staff_env env;
    auto& [s, c, token, mod] = env;

    // 2025: an assembly elects its presidencia, then closes.
    auto person = assembly_2025_with_rosa(c, token);
    // Nothing to ratify yet.
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "motion"}, {"ratify_committee", true}}),
                409, "no_committee_to_ratify");
    nominate(c, mod, person["attendee"]["id"], "presidencia");
    auto e = role_election(c, mod, "presidencia");
    round_action(c, mod, e["id"], "open");
    vote(s, person["credential"]["code"], e["id"],
         {std::to_string(person["attendee"]["id"].get<int>())});
    close_and_reveal(c, mod, e["id"]);
    auto old = parsed(send(c, "GET", base + "/committee", ""));
    REQUIRE(old["members"].size() == 1);
    CHECK(old["term"] == 2025);
    call(c, "POST", base + "/assembly/transition", token, {{"to", "cerrada"}}, 200);

    // 2026: the assembly ratifies that committee instead of electing a new one.
    auto a = setup_assembly(c, token, clinic, 3, {100000}, 1, false);
    CHECK_REPLY(send(c, "POST", base + "/rounds", "Bearer " + mod,
                     {{"kind", "election"},
                      {"ratify_committee", true},
                      {"options", json::array({{{"id", "a"}, {"label", "A"}}})}}),
                400, "bad_ratification");
    auto motion = call(c, "POST", base + "/rounds", mod,
                       {{"kind", "motion"}, {"ratify_committee", true}}, 201);
    CHECK(motion["ratify_committee"] == true);
    CHECK(motion["title"] == "¿Ratificar al COSABI electo en 2025 por un año más?");
    std::int64_t id = motion["id"];
    round_action(c, mod, id, "open");
    vote(s, a.codes[0], id, {"si"});
    vote(s, a.codes[1], id, {"si"});
    vote(s, a.codes[2], id, {"no"});
    auto passed = close_and_reveal(c, mod, id);
    CHECK(passed["results"]["lines"][0]["selected"] == true);

    auto now = parsed(send(c, "GET", base + "/committee", ""));
    CHECK(now["term"] == 2026);
    CHECK(now["terms"] == json::array({2026, 2025}));
    REQUIRE(now["members"].size() == 1);
    CHECK(now["members"][0]["nombre"] == "Rosa Pérez");
    CHECK(now["members"][0]["source"] == "ratificacion");
    CHECK(now["members"][0]["round_id"] == id);
    CHECK(parsed(send(c, "GET", base + "/committee?term=2025", ""))["members"].size() == 1);
    CHECK(audit_count(s, "committee.ratified") == 1);
}

TEST_CASE("a rejected ratification keeps nothing") {
    staff_env env;
    auto& [s, c, token, mod] = env;
    auto person = assembly_2025_with_rosa(c, token);
    nominate(c, mod, person["attendee"]["id"], "tesoreria");
    auto e = role_election(c, mod, "tesoreria");
    round_action(c, mod, e["id"], "open");
    round_action(c, mod, e["id"], "close"); // no ballots: the only candidate wins with 0 votes
    auto a = setup_assembly(c, token, clinic, 3, {100000}, 1, false);
    auto motion =
        call(c, "POST", base + "/rounds", mod,
             {{"kind", "motion"}, {"ratify_committee", true}, {"title", "¿Ratificar?"}}, 201);
    CHECK(motion["title"] == "¿Ratificar?");
    round_action(c, mod, motion["id"], "open");
    vote(s, a.codes[0], motion["id"], {"no"});
    close_and_reveal(c, mod, motion["id"]);
    auto now = parsed(send(c, "GET", base + "/committee", ""));
    CHECK(now["term"] == 2025); // the newest committee is still last year's
    CHECK(audit_count(s, "committee.ratified") == 0);
}

TEST_CASE("invitation codes: shown once, stored hashed, burnt by the claim of a committee login") {
    staff_env env;
    auto& [s, c, token, mod] = env;
    auto a = setup_assembly(c, token, clinic, 3, {100000}, 1, false);
    auto member = elect_treasurer(s, c, mod, a, 1);
    std::string invite = invitation_url(member);

    CHECK_REPLY(send(c, "POST", invite, ""), 401, "");
    CHECK_REPLY(send(c, "POST", invite, cred(a.codes[0])), 401, "");
    CHECK_REPLY(send(c, "POST", base + "/committee/999999/invitation", "Bearer " + mod), 404,
                "member_not_found");
    auto first = call(c, "POST", invite, mod, nullptr, 201);
    std::string first_code = first["invitation"]["code"];
    CHECK(first_code.size() == 12);
    CHECK(first["invitation"]["display"].get<std::string>().size() == 14);
    CHECK(first["member"]["account"] == "invitacion_pendiente");
    // A new code replaces the first one.
    auto second = call(c, "POST", invite, mod, nullptr, 201);
    std::string code = second["invitation"]["code"];
    CHECK(code != first_code);
    // Never stored nor audited in clear.
    {
        auto db = s.srv->store().readers().acquire();
        SQLite::Statement q(*db, "SELECT count(*) FROM committee_invitations WHERE code_hash IN "
                                 "(?, ?)");
        q.bind(1, code);
        q.bind(2, first_code);
        q.executeStep();
        CHECK(q.getColumn(0).getInt() == 0);
    }
    CHECK_FALSE(audit_mentions(s, code));
    CHECK_FALSE(audit_mentions(s, first_code));

    auto claim = [&](const std::string& code_, const std::string& user, const std::string& pass) {
        return claim_at(c, clinic, code_, user, pass);
    };
    CHECK_REPLY(claim(first_code, "tesorera", "una-clave-larga"), 409, "invitation_used");
    CHECK_REPLY(claim("ABC", "tesorera", "una-clave-larga"), 400, "bad_code");
    CHECK_REPLY(claim("2345-6789-ABCD", "tesorera", "una-clave-larga"), 404,
                "invitation_not_found");
    CHECK_REPLY(claim(code, "Te", "una-clave-larga"), 400, "");
    CHECK_REPLY(claim(code, "tesorera", "corta"), 400, "");
    CHECK_REPLY(claim(code, "mod", "una-clave-larga"), 409, "user_exists");
    CHECK_REPLY(c.request("POST", base + "/committee/claim", R"({"code":"x"})"), 400, "");

    // Typed leniently: lower case, spaces.
    std::string typed = code.substr(0, 4) + " " + code.substr(4, 4) + "-" + code.substr(8);
    for (auto& ch : typed)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto ok = claim(typed, "tesorera", "una-clave-larga");
    REQUIRE_MESSAGE(ok.status == 201, ok.body);
    auto made = parsed(ok);
    CHECK(made["user"]["username"] == "tesorera");
    CHECK(made["user"]["role"] == "committee");
    CHECK(made["user"]["clinics"] == json::array({clinic}));
    CHECK(made["member"]["nombre"] == "Persona 1");
    CHECK_REPLY(claim(code, "otra-cuenta", "una-clave-larga"), 409, "invitation_used");

    // The new login works and is scoped to the clinic as committee.
    auto logged = login_as(c, "tesorera");
    REQUIRE(logged.status == 200);
    auto committee_token = parsed(logged)["token"].get<std::string>();
    auto me = call(c, "GET", "/api/auth/me", committee_token, nullptr, 200);
    CHECK(me["role"] == "committee");
    // A committee login is not a moderator; it can read its committee with account states.
    CHECK_REPLY(send(c, "POST", invite, "Bearer " + committee_token), 403, "");
    auto seen = call(c, "GET", base + "/committee", committee_token, nullptr, 200);
    CHECK(seen["members"][0]["account"] == "con_cuenta");
    CHECK_REPLY(send(c, "POST", invite, "Bearer " + mod), 409, "has_account");
    CHECK(audit_count(s, "committee.invitation_issued") == 2);
    CHECK(audit_count(s, "committee.account_created") == 1);
    CHECK_FALSE(audit_mentions(s, "una-clave-larga"));
}

TEST_CASE("racing requests: one nomination, one role round, one runoff, one claim") {
    staff_env env;
    auto& [s, c, token, mod] = env;
    auto a = setup_assembly(c, token, clinic, 4, {100000}, 1, false);
    auto same = [](const json& j) { return [j](int) { return j.dump(); }; };

    auto nominations = in_parallel(s.port, 10, "POST", base + "/nominations",
                                   same({{"role", "presidencia"}}), cred(a.codes[0]));
    CHECK(count_of(nominations, 201) == 1);
    CHECK(count_of(nominations, 409) == 9);
    nominate(c, mod, a.attendee_ids[1], "presidencia");

    auto rounds =
        in_parallel(s.port, 8, "POST", base + "/rounds",
                    same({{"kind", "election"}, {"role", "presidencia"}}), "Bearer " + mod);
    CHECK(count_of(rounds, 201) == 1);
    CHECK(count_of(rounds, 409) == 7);
    auto listed = call(c, "GET", base + "/rounds", mod, nullptr, 200)["items"];
    std::int64_t id = listed.back()["id"];
    CHECK(listed.back()["role"] == "presidencia");
    round_action(c, mod, id, "open");
    vote(s, a.codes[0], id, {id_of(a, 0)});
    vote(s, a.codes[1], id, {id_of(a, 1)});
    close_and_reveal(c, mod, id);

    auto runoffs = in_parallel(s.port, 8, "POST", runoff_url(id), same(nullptr), "Bearer " + mod);
    CHECK(count_of(runoffs, 201) == 1);
    CHECK(count_of(runoffs, 409) == 7);
    auto after = call(c, "GET", base + "/rounds", mod, nullptr, 200)["items"];
    CHECK(after.size() == listed.size() + 1);
    std::int64_t second = after.back()["id"];
    round_action(c, mod, second, "open");
    vote(s, a.codes[2], second, {id_of(a, 0)});
    close_and_reveal(c, mod, second);
    auto member = parsed(send(c, "GET", base + "/committee", ""))["members"][0];
    auto invitation = call(c, "POST", invitation_url(member), mod, nullptr, 201)["invitation"];
    std::string code = invitation["code"];
    auto claims = in_parallel(
        s.port, 3, "POST", base + "/committee/claim",
        [&](int i) { return claim_body(code, "presi-" + std::to_string(i)); }, "");
    CHECK(count_of(claims, 201) == 1);
    CHECK(count_of(claims, 409) == 2);
    auto db = s.srv->store().readers().acquire();
    SQLite::Statement q(*db, "SELECT count(*) FROM users WHERE username LIKE 'presi-%'");
    q.executeStep();
    CHECK(q.getColumn(0).getInt() == 1);
}

TEST_CASE("the claim is a clinic URL: the old path is gone, another clinic's code is unknown") {
    treasurer_env env;
    auto& [s, c, token, mod, a, member] = env;
    auto issued = env.invite();
    auto invitation = issued["invitation"];
    std::string code = invitation["code"];
    CHECK(invitation["clues"] == clinic);
    CHECK(invitation["claim_url"] == "/c/" + clinic + "/cosabi-cuenta");
    // The expiry is stored at issue time, invitation_lifetime (7 days) after it.
    CHECK(invitation["expires_at"] == issued["member"]["invitation_expires_at"]);
    {
        auto db = s.srv->store().readers().acquire();
        SQLite::Statement q(*db, "SELECT count(*) FROM committee_invitations WHERE expires_at = "
                                 "strftime('%Y-%m-%dT%H:%M:%fZ', issued_at, '+7 days') AND "
                                 "expires_at = ?");
        q.bind(1, invitation["expires_at"].get<std::string>());
        q.executeStep();
        CHECK(q.getColumn(0).getInt() == 1);
    }
    CHECK(asamblea::domain::invitation_lifetime == std::chrono::days(7));

    // The path without the clinic is gone: a proxy sharding by clinic could not route it.
    CHECK_REPLY(c.request("POST", "/api/committee/claim", claim_body(code, "tesorera", "x")), 404,
                "");
    // At another clinic the code is refused exactly like one that was never issued.
    auto elsewhere = claim_at(c, "CSIMB000002", code, "tesorera");
    auto unknown = claim_at(c, "CSIMB000002", "2345-6789-ABCD", "tesorera");
    CHECK_REPLY(elsewhere, 404, "invitation_not_found");
    CHECK(elsewhere.body == unknown.body);
    CHECK_REPLY(claim_at(c, "DFIST000003", code, "tesorera"), 404, "invitation_not_found");
    CHECK(audit_count(s, "committee.account_created") == 0);
    CHECK(rows(s, "SELECT count(*) FROM users WHERE username = 'tesorera'") == 0);

    // At its own clinic it works.
    auto ok = claim_at(c, clinic, code, "tesorera");
    REQUIRE_MESSAGE(ok.status == 201, ok.body);
    CHECK(parsed(ok)["user"]["clinics"] == json::array({clinic}));
    CHECK(audit_count(s, "committee.account_created") == 1);
}

TEST_CASE("an expired invitation code is refused and writes nothing") {
    treasurer_env env;
    auto& [s, c, token, mod, a, member] = env;
    std::string code = env.invite()["invitation"]["code"];
    // Issued eight days ago: its lifetime ended yesterday.
    auto backdated = s.srv->store().writer().run(
        [](asamblea::store::write_context& w) -> asamblea::domain::status {
            w.db().exec(
                "UPDATE committee_invitations SET issued_at = strftime('%Y-%m-%dT%H:%M:%fZ', "
                "'now', '-8 days'), expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', "
                "'-1 days')");
            return {};
        });
    REQUIRE(backdated);
    auto events = rows(s, "SELECT count(*) FROM audit_events");

    auto refused = claim_at(c, clinic, code, "tesorera");
    CHECK_REPLY(refused, 409, "invitation_expired");
    CHECK(parsed(refused)["field"] == "code");
    CHECK(parsed(refused)["message"].get<std::string>().find("venció") != std::string::npos);
    CHECK(rows(s, "SELECT count(*) FROM audit_events") == events);
    CHECK(rows(s, "SELECT count(*) FROM users WHERE username = 'tesorera'") == 0);
    CHECK(rows(s, "SELECT count(*) FROM committee_invitations WHERE claimed_at IS NOT "
                  "NULL") == 0);
    // The moderator sees it expired and gives a new code, which works.
    auto seen = call(c, "GET", base + "/committee", mod, nullptr, 200)["members"][0];
    CHECK(seen["account"] == "invitacion_vencida");
    std::string fresh = env.invite()["invitation"]["code"];
    CHECK_REPLY(claim_at(c, clinic, code, "tesorera"), 409, "invitation_used");
    auto ok = claim_at(c, clinic, fresh, "tesorera");
    CHECK_MESSAGE(ok.status == 201, ok.body);
}

TEST_CASE("a replaced committee member's login stops working") {
    treasurer_env env;
    auto& [s, c, token, mod, a, member] = env;
    std::string code = env.invite()["invitation"]["code"];
    REQUIRE(claim_at(c, clinic, code, "tesorera").status == 201);
    auto logged = login_as(c, "tesorera");
    REQUIRE(logged.status == 200);
    std::string session = parsed(logged)["token"];
    call(c, "GET", "/api/auth/me", session, nullptr, 200);

    // The assembly elects someone else for tesorería: the earlier member is replaced.
    auto replacement = elect_treasurer(s, c, mod, a, 2);
    CHECK(replacement["nombre"] == "Persona 2");
    CHECK(replacement["account"] == "sin_invitacion");
    CHECK_REPLY(send(c, "GET", "/api/auth/me", "Bearer " + session), 401, "bad_token");
    CHECK_REPLY(send(c, "GET", base + "/committee", "Bearer " + session), 401, "");
    CHECK_REPLY(login_as(c, "tesorera"), 401, "bad_credentials");
    CHECK(audit_count(s, "user.disabled") == 1);
    CHECK(audit_mentions(s, "committee_member_replaced"));
    // The name stays taken: accounts are never reused by someone else.
    std::string next = env.invite(replacement)["invitation"]["code"];
    CHECK_REPLY(claim_at(c, clinic, next, "tesorera"), 409, "user_exists");
    CHECK(claim_at(c, clinic, next, "tesorera-2").status == 201);
    CHECK(login_as(c, "tesorera-2").status == 200);
}

} // namespace cosabi_test
