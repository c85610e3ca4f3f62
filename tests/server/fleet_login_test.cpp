// Issue 18: one login for the fleet. Two shards on loopback share a map and a key; an account
// lives on one of them (its home), logs in at either, and its fleet token works on both; a
// logout anywhere reaches the other shard within the revocation interval.
#include "../store/test_dir.hpp"
#include "domain/committee.hpp"
#include "domain/round.hpp"
#include "domain/shards/fleet_token.hpp"
#include "fleet_fixture.hpp"
#include "http_client.hpp"
#include "server/web_server.hpp"
#include "store/assembly_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/crypto.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"
#include "ws_client.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace fleet_login_test {

namespace {

using nlohmann::json;
namespace domain = asamblea::domain;
namespace store = asamblea::store;

constexpr const char* password = "clave-de-prueba";

using fleet_fixture::free_port;

struct user_seed {
    std::string username;
    domain::role role;
    std::vector<std::string> clinics;
};

// One shard of the fleet "sur" (CS…, the map's first: HAProxy's default) + "centro" (DF…).
struct shard {
    test_dir dir;
    std::unique_ptr<asamblea::server::web_server> srv;
    unsigned short port = 0;

    shard(const domain::shard_map& map, const std::string& name, unsigned short listen,
          const std::string& key_file, const std::vector<user_seed>& users, bool with_tlalpan) {
        asamblea::server::server_config config;
        config.data_dir = dir.str();
        config.port = listen;
        config.address = "127.0.0.1";
        config.threads = 2;
        config.lan_addresses = std::vector<std::string>{};
        config.shards = map;
        config.shard = name;
        config.fleet_key = key_file;
        config.revocation_interval = std::chrono::milliseconds(200);
        srv = std::make_unique<asamblea::server::web_server>(config);
        auto hash = store::hash_password(password);
        auto ok = srv->store().writer().run([&](store::write_context& ctx) -> domain::status {
            store::upsert_clinics(ctx, {{"CSIMB000001", "Centro de Salud Ocosingo", "Chiapas",
                                         "Ocosingo", "IMSS-BIENESTAR", 1, "Rural", 40000000},
                                        {"CSIMB000002", "Centro de Salud Palenque", "Chiapas",
                                         "Palenque", "IMSS-BIENESTAR", 3, "Urbano", 80000000}});
            if (with_tlalpan)
                store::upsert_clinics(ctx, {{"DFIST000003", "Clínica Tlalpan", "Ciudad de México",
                                             "Tlalpan", "ISSSTE", 8, "UMF", 100000000}});
            for (const auto& u : users)
                (void)store::save_user(ctx, u.username, hash, u.role, u.clinics, false);
            return {};
        });
        REQUIRE(ok);
        port = srv->start();
        REQUIRE(port == listen);
    }
    ~shard() {
        srv->stop();
        srv->wait();
    }
};

struct two_shards {
    test_dir keys;
    std::string key_file = (keys.path / "fleet.key").string();
    store::secret_key key = store::create_key(key_file);
    unsigned short sur_port = free_port();
    unsigned short centro_port = free_port();
    domain::shard_map map = parse_map();
    // sur holds ana (national coordinator) and mod (Ocosingo), and only Chiapas' clinics;
    // centro holds luz (Tlalpan's moderator) and beto, a coordinator of one clinic on each
    // shard (centro has a row for Palenque too, or his account could not name it).
    shard sur{
        map,
        "sur",
        sur_port,
        key_file,
        {{"ana", domain::role::coordinator, {}}, {"mod", domain::role::moderator, {"CSIMB000001"}}},
        false};
    shard centro{map,
                 "centro",
                 centro_port,
                 key_file,
                 {{"luz", domain::role::moderator, {"DFIST000003"}},
                  {"beto", domain::role::coordinator, {"CSIMB000002", "DFIST000003"}}},
                 true};

    domain::shard_map parse_map() const {
        auto parsed =
            domain::shard_map::parse("sur    127.0.0.1:" + std::to_string(sur_port) + " CS*\n" +
                                     "centro 127.0.0.1:" + std::to_string(centro_port) + " DF*\n");
        REQUIRE(parsed.ok());
        return parsed.map;
    }
};

http_reply call_shard(unsigned short port, const std::string& method, const std::string& target,
                      const std::string& token, const json& body = nullptr) {
    http_client c(port);
    std::map<std::string, std::string> headers;
    if (!token.empty())
        headers["Authorization"] = "Bearer " + token;
    return c.request(method, target, body.is_null() ? "" : body.dump(), headers);
}

std::string login_at(unsigned short port, const std::string& username) {
    auto r = call_shard(port, "POST", "/api/auth/login", "",
                        {{"username", username}, {"password", password}});
    REQUIRE_MESSAGE(r.status == 200, r.status << " " << r.body);
    auto token = json::parse(r.body)["token"].get<std::string>();
    CHECK(domain::looks_like_fleet_token(token));
    return token;
}

json me_at(unsigned short port, const std::string& token, unsigned expected = 200) {
    auto r = call_shard(port, "GET", "/api/auth/me", token);
    CHECK_MESSAGE(r.status == expected, r.status << " " << r.body);
    return json::parse(r.body);
}

// Polls until the token is refused (401), for at most `bound`; the status last seen.
unsigned refused_within(unsigned short port, const std::string& token, std::chrono::seconds bound) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    unsigned status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        status = call_shard(port, "GET", "/api/auth/me", token).status;
        if (status == 401)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return status;
}

std::string sign_claims(const store::secret_key& key, const domain::fleet_claims& c) {
    auto payload = domain::encode_fleet_claims(c);
    return domain::join_fleet_token(payload,
                                    store::mac_hex(key, domain::fleet_token_signing_text(payload)));
}

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string open_assembly(unsigned short port, const std::string& token, const std::string& clues) {
    auto base = "/api/c/" + clues;
    auto made = call_shard(port, "POST", base + "/assembly", token,
                           {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}});
    CHECK_MESSAGE(made.status == 201, made.status << " " << made.body);
    auto opened =
        call_shard(port, "POST", base + "/assembly/transition", token, {{"to", "registro"}});
    CHECK_MESSAGE(opened.status == 200, opened.status << " " << opened.body);
    auto noted = call_shard(port, "POST", base + "/incidents", token, {{"text", "Se fue la luz."}});
    CHECK_MESSAGE(noted.status == 201, noted.status << " " << noted.body);
    return json::parse(noted.body).value("by", "");
}

} // namespace

TEST_CASE("an account of another shard logs in at the default shard and works on its own") {
    two_shards f;
    // luz lives on centro; sur (where the national address leads) asks centro.
    auto token = login_at(f.sur.port, "luz");
    auto on_centro = me_at(f.centro.port, token);
    CHECK(on_centro["username"] == "luz");
    CHECK(on_centro["role"] == "moderator");
    CHECK(on_centro["clinics"] == json::array({"DFIST000003"}));
    CHECK(me_at(f.sur.port, token)["username"] == "luz");
    // Her clinic's shard serves her; a clinic of the other shard is not hers.
    CHECK(open_assembly(f.centro.port, login_at(f.sur.port, "beto"), "DFIST000003") == "beto");
    auto listed = call_shard(f.centro.port, "GET", "/api/c/DFIST000003/incidents", token);
    CHECK_MESSAGE(listed.status == 200, listed.body);
    auto elsewhere = call_shard(f.sur.port, "GET", "/api/c/CSIMB000001/incidents", token);
    CHECK_MESSAGE(elsewhere.status == 403, elsewhere.status << " " << elsewhere.body);
    auto other_mod = call_shard(f.sur.port, "POST", "/api/c/CSIMB000001/assembly", token,
                                {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}});
    CHECK(other_mod.status == 403);

    // Wrong passwords and unknown names are refused alike, after asking every shard.
    auto wrong = call_shard(f.sur.port, "POST", "/api/auth/login", "",
                            {{"username", "luz"}, {"password", "otra-clave-mala"}});
    CHECK(wrong.status == 401);
    CHECK(json::parse(wrong.body)["error"] == "bad_credentials");
    auto nobody = call_shard(f.sur.port, "POST", "/api/auth/login", "",
                             {{"username", "nadie"}, {"password", password}});
    CHECK(nobody.status == 401);
    CHECK(json::parse(nobody.body)["error"] == "bad_credentials");
    // A home account still logs in at home, and the token is a fleet token there too.
    CHECK(me_at(f.centro.port, login_at(f.sur.port, "mod"))["username"] == "mod");
}

TEST_CASE("a coordinator's one token acts on both shards, attributed to a shadow elsewhere") {
    two_shards f;
    auto token = login_at(f.sur.port, "beto"); // home: centro
    CHECK(open_assembly(f.centro.port, token, "DFIST000003") == "beto");
    // On sur, beto has no account: a shadow row "beto@centro" records what he does.
    CHECK(open_assembly(f.sur.port, token, "CSIMB000002") == "beto@centro");
    // Scoped as on his home: Ocosingo is not his.
    auto not_his = call_shard(f.sur.port, "GET", "/api/c/CSIMB000001/incidents", token);
    CHECK(not_his.status == 403);
    {
        auto db = f.sur.srv->store().readers().acquire();
        SQLite::Statement q(*db, "SELECT u.role, u.password_hash, group_concat(c.clues) FROM "
                                 "users u LEFT JOIN user_clinics c ON c.user_id = u.id WHERE "
                                 "u.username = 'beto@centro' GROUP BY u.id");
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getString() == "coordinator");
        CHECK(q.getColumn(1).getString() == "!");
        CHECK(q.getColumn(2).getString() == "CSIMB000002"); // only the clinics sur has…
        SQLite::Statement audit(*db, "SELECT count(*) FROM audit_events WHERE type = "
                                     "'user.shadow_saved' AND json_extract(payload, "
                                     "'$.username') = 'beto@centro'");
        REQUIRE(audit.executeStep());
        CHECK(audit.getColumn(0).getInt() == 1); // …made once, not on every request
    }
    // The shadow cannot log in: no password opens it.
    auto as_shadow = call_shard(f.sur.port, "POST", "/api/auth/login", "",
                                {{"username", "beto@centro"}, {"password", password}});
    CHECK(as_shadow.status == 401);
    // A national coordinator of sur acts on centro's clinic the same way.
    auto ana = login_at(f.centro.port, "ana");
    auto listed = call_shard(f.centro.port, "GET", "/api/c/DFIST000003/incidents", ana);
    CHECK_MESSAGE(listed.status == 200, listed.body);
    auto noted = call_shard(f.centro.port, "POST", "/api/c/DFIST000003/incidents", ana,
                            {{"text", "La coordinación nacional pasó lista."}});
    CHECK(noted.status == 201);
    CHECK(json::parse(noted.body)["by"] == "ana@sur");
}

TEST_CASE("a staff WebSocket hello with another home's token writes no shadow row") {
    two_shards f;
    auto ana = login_at(f.sur.port, "ana"); // home sur, never used on centro before
    ws_client ws(f.centro.port, "DFIST000003");
    ws.send({{"type", "hello"}, {"token", ana}});
    auto welcome = ws.next_of("welcome");
    REQUIRE_MESSAGE(welcome, ws.error_message());
    CHECK((*welcome)["role"] == "staff");
    auto shadows = [&] {
        auto db = f.centro.srv->store().readers().acquire();
        return db->execAndGet("SELECT count(*) FROM users WHERE username = 'ana@sur'").getInt();
    };
    CHECK(shadows() == 0);
    // A REST request makes it.
    CHECK(call_shard(f.centro.port, "GET", "/api/auth/me", ana).status == 200);
    CHECK(shadows() == 1);
    // A refused token is refused on the socket too.
    ws_client other(f.centro.port, "DFIST000003");
    other.send({{"type", "hello"}, {"token", ana + "0"}});
    auto refused = other.next();
    REQUIRE(refused);
    CHECK((*refused)["type"] == "error");
}

TEST_CASE("a forged, altered, expired or foreign fleet token is refused on every shard") {
    two_shards f;
    auto good = login_at(f.sur.port, "ana");
    auto parts = domain::split_fleet_token(good);
    REQUIRE(parts);
    auto claims = domain::decode_fleet_claims(parts->payload);
    REQUIRE(claims);
    auto refused_everywhere = [&](const std::string& token) {
        for (auto port : {f.sur.port, f.centro.port}) {
            auto r = call_shard(port, "GET", "/api/auth/me", token);
            CHECK_MESSAGE(r.status == 401, port << ": " << r.status << " " << r.body);
        }
    };
    // Altered: a national coordinator's claims given to a moderator, the MAC left as it was.
    auto raised = *claims;
    raised.username = "mod";
    refused_everywhere(
        domain::join_fleet_token(domain::encode_fleet_claims(raised), parts->mac_hex));
    auto flipped = good;
    flipped.back() = flipped.back() == '0' ? '1' : '0';
    refused_everywhere(flipped);
    // Forged with another key.
    auto stranger = store::create_key((f.keys.path / "other.key").string());
    refused_everywhere(sign_claims(stranger, *claims));
    // Signed with the fleet key but expired, or issued in the future, or from no shard of the map.
    auto expired = *claims;
    expired.issued_at = now_seconds() - 7200;
    expired.expires_at = now_seconds() - 1;
    refused_everywhere(sign_claims(f.key, expired));
    auto future = *claims;
    future.issued_at = now_seconds() + 3600;
    future.expires_at = now_seconds() + 7200;
    refused_everywhere(sign_claims(f.key, future));
    auto foreign = *claims;
    foreign.home = "oeste";
    refused_everywhere(sign_claims(f.key, foreign));
    // The same claims signed right work, so the refusals above are about what was changed.
    auto fresh = *claims;
    fresh.id = "otro";
    CHECK(call_shard(f.centro.port, "GET", "/api/auth/me", sign_claims(f.key, fresh)).status ==
          200);
    CHECK(call_shard(f.sur.port, "GET", "/api/auth/me", good).status == 200);
}

TEST_CASE("a logout on one shard is refused on the other within the revocation interval") {
    two_shards f;
    auto ana = login_at(f.sur.port, "ana"); // home sur
    auto luz = login_at(f.sur.port, "luz"); // home centro
    me_at(f.centro.port, ana);
    me_at(f.sur.port, luz);
    // ana logs out on centro (not her home); luz at the national address (sur, not hers).
    CHECK(call_shard(f.centro.port, "POST", "/api/auth/logout", ana).status == 200);
    CHECK(call_shard(f.sur.port, "POST", "/api/auth/logout", luz).status == 200);
    // The shard that got the logout refuses at once; a second logout is refused too.
    CHECK(call_shard(f.centro.port, "GET", "/api/auth/me", ana).status == 401);
    CHECK(call_shard(f.sur.port, "GET", "/api/auth/me", luz).status == 401);
    CHECK(call_shard(f.sur.port, "POST", "/api/auth/logout", luz).status == 401);
    // The others within the interval (200 ms here; bounded at 10 s so a slow machine passes).
    CHECK(refused_within(f.sur.port, ana, std::chrono::seconds(10)) == 401);
    CHECK(refused_within(f.centro.port, luz, std::chrono::seconds(10)) == 401);
    // Other sessions of the same people are untouched.
    me_at(f.sur.port, login_at(f.sur.port, "ana"));
}

TEST_CASE("a disabled account's fleet tokens end on every shard") {
    two_shards f;
    auto luz = login_at(f.sur.port, "luz");
    me_at(f.sur.port, luz);
    auto ok = f.centro.srv->store().writer().run([&](store::write_context& ctx) -> domain::status {
        auto db_user = store::find_user(ctx.db(), "luz");
        if (!db_user || !store::disable_user(ctx, db_user->who.user_id, "DFIST000003", "test"))
            return domain::fail(domain::error_kind::internal, "test", "luz not disabled");
        return {};
    });
    REQUIRE(ok);
    CHECK(call_shard(f.centro.port, "GET", "/api/auth/me", luz).status == 401); // home: at once
    CHECK(refused_within(f.sur.port, luz, std::chrono::seconds(10)) == 401);
}

TEST_CASE("the peer login and revocation routes answer only stamped peers") {
    two_shards f;
    auto login = call_shard(f.centro.port, "POST", "/api/fleet/login", "",
                            {{"username", "luz"}, {"password", password}, {"remote", "10.0.0.1"}});
    CHECK(login.status == 401);
    CHECK(json::parse(login.body)["error"] == "not_a_peer");
    auto list = call_shard(f.centro.port, "GET", "/api/fleet/revocations?since=0", "");
    CHECK(list.status == 401);
    CHECK(json::parse(list.body)["error"] == "not_a_peer");
}

TEST_CASE("a committee login at the national address keeps the term rule of its clinic's shard") {
    two_shards f;
    // Tlalpan (centro) has a 2026 committee ("presidenta") and a 2025 member not elected again
    // ("anterior"), both with logins on centro, their clinic's shard.
    auto hash = store::hash_password(password);
    auto ok = f.centro.srv->store().writer().run([&](store::write_context& ctx) -> domain::status {
        auto spec = domain::make_round_spec(domain::make_ratification("", 2025));
        if (!spec)
            return std::unexpected(spec.error());
        auto assembly = store::create_assembly(ctx, "DFIST000003", 2026, "", 0);
        auto round = store::create_round(ctx, assembly, "DFIST000003", *spec);
        for (auto [name, term] : {std::pair{"presidenta", 2026}, std::pair{"anterior", 2025}}) {
            auto id =
                store::save_user(ctx, name, hash, domain::role::committee, {"DFIST000003"}, false);
            if (!id)
                return std::unexpected(id.error());
            store::insert_member(ctx, {"DFIST000003", term, round, "eleccion"},
                                 {"presidencia", 1, name, "mujer", 0, 0, *id});
        }
        return {};
    });
    REQUIRE(ok);
    auto coord = login_at(f.sur.port, "beto");
    auto work = call_shard(f.centro.port, "POST", "/api/c/DFIST000003/works", coord,
                           {{"edition", 2026},
                            {"title", "Ultrasonido portátil"},
                            {"category", "equipamiento"},
                            {"approved_centavos", 5000000},
                            {"quantity", 1},
                            {"reason", "Acordado en la asamblea, acta p. 3"}});
    REQUIRE_MESSAGE(work.status == 201, work.body);
    auto move = "/api/c/DFIST000003/works/" +
                std::to_string(json::parse(work.body)["id"].get<int>()) + "/move";
    // Both log in at sur (the default shard), which asks centro.
    auto former = call_shard(f.centro.port, "POST", move, login_at(f.sur.port, "anterior"),
                             {{"to", "cotizando"}});
    CHECK(former.status == 403);
    CHECK(json::parse(former.body)["error"] == "not_current_member");
    auto current = call_shard(f.centro.port, "POST", move, login_at(f.sur.port, "presidenta"),
                              {{"to", "cotizando"}});
    CHECK_MESSAGE(current.status == 200, current.body);
}

} // namespace fleet_login_test
