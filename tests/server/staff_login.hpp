#pragma once
/// Logs a staff member of the test server in through the real API; its bearer token.

#include "http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

inline std::string login(http_client& c, const std::string& user,
                         const std::string& password = "clave-de-prueba") {
    auto r = c.request("POST", "/api/auth/login",
                       nlohmann::json{{"username", user}, {"password", password}}.dump());
    REQUIRE(r.status == 200);
    return nlohmann::json::parse(r.body)["token"];
}
