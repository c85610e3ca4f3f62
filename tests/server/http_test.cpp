#include "http_client.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using nlohmann::json;

TEST_CASE("static pages are served with content types, ETag, caching and security headers") {
    running_server s;
    http_client c(s.port);
    auto index = c.request("GET", "/");
    CHECK(index.status == 200);
    CHECK(index.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(index.header("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
    CHECK(index.header("Content-Security-Policy").find("frame-ancestors 'none'") !=
          std::string::npos);
    CHECK(index.header("X-Content-Type-Options") == "nosniff");
    CHECK(index.header("Cache-Control") == "no-cache");
    auto etag = index.header("ETag");
    REQUIRE_FALSE(etag.empty());
    CHECK(index.keep_alive);

    auto again = c.request("GET", "/", {}, {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());

    auto css = c.request("GET", "/css/app.css");
    CHECK(css.status == 200);
    CHECK(css.header("Content-Type") == "text/css; charset=utf-8");
    auto clinic_page = c.request("GET", "/c/CSIMB000001");
    CHECK(clinic_page.status == 200);
    CHECK(clinic_page.body.find("<html") != std::string::npos);
    auto head = c.request("HEAD", "/css/app.css");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
}

TEST_CASE("unknown paths get a 404 page for browsers and JSON for programs") {
    running_server s;
    http_client c(s.port);
    auto page = c.request("GET", "/no-existe", {}, {{"Accept", "text/html"}});
    CHECK(page.status == 404);
    CHECK(page.header("Content-Type") == "text/html; charset=utf-8");
    auto api = c.request("GET", "/api/no-existe");
    CHECK(api.status == 404);
    auto body = json::parse(api.body);
    CHECK(body["error"] == "not_found");
    CHECK_FALSE(body["message"].get<std::string>().empty());
    auto traversal = c.request("GET", "/../CMakeLists.txt");
    CHECK(traversal.status == 404);
    auto wrong_method = c.request("DELETE", "/api/clinics");
    CHECK(wrong_method.status == 405);
    CHECK(json::parse(wrong_method.body)["error"] == "method_not_allowed");
}

TEST_CASE("healthz and metrics report in their formats") {
    running_server s;
    http_client c(s.port);
    auto health = c.request("GET", "/healthz");
    CHECK(health.status == 200);
    CHECK(json::parse(health.body)["status"] == "ok");
    c.request("GET", "/api/clinics");
    auto metrics = c.request("GET", "/metrics");
    CHECK(metrics.status == 200);
    CHECK(metrics.header("Content-Type").starts_with("text/plain; version=0.0.4"));
    for (const char* name : {"asamblea_connections_open",
                             "asamblea_http_requests_total{route=\"GET /api/clinics\","
                             "status=\"200\"} 1",
                             "asamblea_websocket_sessions", "asamblea_writer_queue_depth",
                             "asamblea_commit_latency_seconds_bucket{le=\"+Inf\"}"})
        CHECK_MESSAGE(metrics.body.find(name) != std::string::npos, name);
}

TEST_CASE("limits: oversized bodies, oversized headers and malformed requests are refused") {
    asamblea::server::server_config config;
    config.limits.body_bytes = 1024;
    running_server s(config);
    {
        http_client c(s.port);
        auto big = c.request("POST", "/api/auth/login", std::string(4096, 'x'));
        CHECK(big.status == 413);
        CHECK(json::parse(big.body)["error"] == "body_too_large");
        CHECK_FALSE(big.keep_alive);
    }
    {
        http_client c(s.port);
        auto huge = c.request("GET", "/", {}, {{"X-Filler", std::string(20 * 1024, 'a')}});
        CHECK(huge.status == 431);
    }
    {
        http_client c(s.port);
        auto bad = c.raw("THIS IS NOT HTTP\r\n\r\n");
        CHECK(bad.status == 400);
    }
}

TEST_CASE("login, me and logout with a bearer token; wrong passwords are refused") {
    running_server s;
    http_client c(s.port);
    auto bad_json = c.request("POST", "/api/auth/login", "{no es json");
    CHECK(bad_json.status == 400);
    CHECK(json::parse(bad_json.body)["error"] == "bad_json");
    auto missing = c.request("POST", "/api/auth/login", R"({"username":"mod"})");
    CHECK(missing.status == 400);
    CHECK(json::parse(missing.body)["field"] == "password");
    auto wrong =
        c.request("POST", "/api/auth/login", R"({"username":"mod","password":"incorrecta"})");
    CHECK(wrong.status == 401);
    CHECK(json::parse(wrong.body)["error"] == "bad_credentials");

    auto ok =
        c.request("POST", "/api/auth/login", R"({"username":"mod","password":"clave-de-prueba"})");
    REQUIRE(ok.status == 200);
    auto body = json::parse(ok.body);
    std::string token = body["token"];
    CHECK(token.size() >= 40);
    CHECK(body["user"]["role"] == "moderator");
    CHECK(body["user"]["clinics"] == json::array({"CSIMB000001"}));

    auto me = c.request("GET", "/api/auth/me", {}, {{"Authorization", "Bearer " + token}});
    CHECK(me.status == 200);
    CHECK(json::parse(me.body)["username"] == "mod");
    CHECK(c.request("GET", "/api/auth/me").status == 401);

    auto out = c.request("POST", "/api/auth/logout", {}, {{"Authorization", "Bearer " + token}});
    CHECK(out.status == 200);
    auto after = c.request("GET", "/api/auth/me", {}, {{"Authorization", "Bearer " + token}});
    CHECK(after.status == 401);
}

TEST_CASE("repeated wrong passwords are slowed down per account") {
    running_server s;
    http_client c(s.port);
    unsigned last = 0;
    for (int i = 0; i < 7; ++i)
        last =
            c.request("POST", "/api/auth/login", R"({"username":"coord","password":"mal"})").status;
    CHECK(last == 429);
    auto blocked = c.request("POST", "/api/auth/login",
                             R"({"username":"coord","password":"clave-de-prueba"})");
    CHECK(blocked.status == 429);
    CHECK(std::stoi(blocked.header("Retry-After")) > 0);
    CHECK(json::parse(blocked.body)["error"] == "too_many_attempts");
    // Another account from the same address is not yet affected.
    auto other =
        c.request("POST", "/api/auth/login", R"({"username":"mod","password":"clave-de-prueba"})");
    CHECK(other.status == 200);
}

TEST_CASE("clinics are searched by text and state, paged, and fetched by CLUES") {
    running_server s;
    http_client c(s.port);
    auto all = json::parse(c.request("GET", "/api/clinics").body);
    CHECK(all["total"] == 3);
    auto chiapas =
        json::parse(c.request("GET", "/api/clinics?entidad=Chiapas&per_page=1&page=2").body);
    CHECK(chiapas["total"] == 2);
    REQUIRE(chiapas["items"].size() == 1);
    CHECK(chiapas["items"][0]["clues"] == "CSIMB000002");
    auto text = json::parse(c.request("GET", "/api/clinics?q=cl%C3%ADnica").body);
    REQUIRE(text["total"] == 1);
    CHECK(text["items"][0]["nombre"] == "Clínica Tlalpan");
    CHECK(text["items"][0]["presupuesto_centavos"] == 100000000);
    auto bad_page = c.request("GET", "/api/clinics?page=0");
    CHECK(bad_page.status == 400);
    CHECK(json::parse(bad_page.body)["field"] == "page");
    CHECK(c.request("GET", "/api/clinics?per_page=1000").status == 400);
    auto issste = json::parse(c.request("GET", "/api/clinics?institucion=issste").body);
    REQUIRE(issste["total"] == 1);
    CHECK(issste["items"][0]["clues"] == "DFIST000003");
    auto states = json::parse(c.request("GET", "/api/entidades").body);
    CHECK(states["items"] == json::array({"Chiapas", "Ciudad de México"}));
    auto one = c.request("GET", "/api/c/csimb000001");
    REQUIRE(one.status == 200);
    CHECK(json::parse(one.body)["nombre"] == "Centro de Salud Ocosingo");
    auto missing = c.request("GET", "/api/c/ZZZZZ000000");
    CHECK(missing.status == 404);
    CHECK(json::parse(missing.body)["error"] == "not_found");
}

TEST_CASE("stop is graceful and quick with idle keep-alive connections open") {
    running_server s;
    http_client idle(s.port);
    CHECK(idle.request("GET", "/healthz").status == 200);
    auto started = std::chrono::steady_clock::now();
    s.srv->stop();
    s.srv->wait();
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}

TEST_CASE("pages are sent gzip-compressed to clients that accept it") {
    running_server s;
    http_client c(s.port);
    auto plain = c.request("GET", "/css/app.css");
    auto packed = c.request("GET", "/css/app.css", {}, {{"Accept-Encoding", "gzip, deflate"}});
    CHECK(plain.header("Content-Encoding").empty());
    CHECK(packed.header("Content-Encoding") == "gzip");
    CHECK(packed.header("Vary") == "Accept-Encoding");
    CHECK(packed.body.size() < plain.body.size() / 2);
    CHECK(static_cast<unsigned char>(packed.body[0]) == 0x1f); // gzip magic
    CHECK(static_cast<unsigned char>(packed.body[1]) == 0x8b);
    CHECK(packed.header("ETag") == plain.header("ETag"));
}
