// The one mapping of errors to the wire: statuses by kind, bodies without internal details, and
// an internal error logged once, as one JSON line with the id the client also gets.
#include "server/error_mapping.hpp"

#include "domain/ballot_shedding.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>

using asamblea::domain::error;
using asamblea::domain::error_kind;
using asamblea::server::error_body;
using asamblea::server::status_for;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace error_mapping_test {

namespace {

// Captures what is written to std::cerr while it lives.
struct captured_stderr {
    std::ostringstream text;
    std::streambuf* previous = std::cerr.rdbuf(text.rdbuf());
    ~captured_stderr() { std::cerr.rdbuf(previous); }
};

} // namespace

TEST_CASE("each kind has one status, 405 and 431 included") {
    CHECK(status_for(error_kind::invalid) == 400);
    CHECK(status_for(error_kind::unauthorized) == 401);
    CHECK(status_for(error_kind::forbidden) == 403);
    CHECK(status_for(error_kind::not_found) == 404);
    CHECK(status_for(error_kind::not_allowed) == 405);
    CHECK(status_for(error_kind::conflict) == 409);
    CHECK(status_for(error_kind::too_large) == 413);
    CHECK(status_for(error_kind::headers_too_large) == 431);
    CHECK(status_for(error_kind::misdirected) == 421);
    CHECK(status_for(error_kind::too_many) == 429);
    CHECK(status_for(error_kind::unavailable) == 503);
    CHECK(status_for(error_kind::internal) == 500);
}

TEST_CASE("an ordinary error names its field and logs nothing") {
    captured_stderr log;
    auto body =
        error_body(error{error_kind::invalid, "bad_rule", "La regla no existe.", "rule", 0});
    CHECK(body["error"] == "bad_rule");
    CHECK(body["message"] == "La regla no existe.");
    CHECK(body["field"] == "rule");
    CHECK_FALSE(body.contains("error_id"));
    CHECK(log.text.str().empty());
}

TEST_CASE("a misdirected request names the shard that serves the clinic, not a field") {
    auto body = error_body(error{error_kind::misdirected, "wrong_shard",
                                 "La unidad «DFIST000003» se atiende en otro servidor («centro»).",
                                 "centro", 0});
    CHECK(body["error"] == "wrong_shard");
    CHECK(body["shard"] == "centro");
    CHECK_FALSE(body.contains("field"));
}

TEST_CASE("an internal error is logged once with an id the client gets, its detail never sent") {
    captured_stderr log;
    auto body = error_body(error{error_kind::internal, "store_error",
                                 "No se pudo guardar. Intente de nuevo.", "disk I/O error", 0});
    CHECK_FALSE(body.contains("field"));
    CHECK(body.dump().find("disk I/O") == std::string::npos);
    REQUIRE(body.contains("error_id"));
    auto text = log.text.str();
    REQUIRE(std::count(text.begin(), text.end(), '\n') == 1);
    auto line = nlohmann::json::parse(text);
    CHECK(line["level"] == "error");
    CHECK(line["error_id"] == body["error_id"]);
    CHECK(line["code"] == "store_error");
    CHECK(line["detail"] == "disk I/O error");
    // Each occurrence has its own id.
    auto again = error_body(error{error_kind::internal, "store_error", "x", "y", 0});
    CHECK(again["error_id"] != body["error_id"]);
}

TEST_CASE("a shed ballot's busy answer says when to send it again; other errors do not") {
    auto body = error_body(asamblea::domain::ballot_busy(std::chrono::milliseconds(500)));
    CHECK(body["error"] == "busy");
    CHECK(body["retry_after_ms"] == 500);
    CHECK(status_for(error_kind::unavailable) == 503);
    auto other = error_body({error_kind::unavailable, "busy", "Ocupado.", "", 1});
    CHECK_FALSE(other.contains("retry_after_ms"));
}

} // namespace error_mapping_test
