#include "server/schema_registry.hpp"
#include "server/ws/ws_message.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace asamblea;
using server::read_ws_message;

namespace {

const server::schema_registry& schemas() {
    static const server::schema_registry registry{std::string(ASAMBLEA_SOURCE_DIR) + "/schemas"};
    return registry;
}

std::string refusal(std::string_view text) {
    auto msg = read_ws_message(schemas(), text);
    REQUIRE_FALSE(msg.has_value());
    return msg.error().code;
}

} // namespace

TEST_CASE("ws_message: a frame that is not a typed JSON object is refused by kind") {
    CHECK(refusal("not json") == "bad_message");
    CHECK(refusal("[1,2]") == "bad_message");
    CHECK(refusal(R"({"tipo":"hello"})") == "bad_message");
    CHECK(refusal(R"({"type":7})") == "bad_message");
    CHECK(refusal(R"({"type":"vote"})") == "unknown_type");
    // An outgoing type is not something a client may send.
    CHECK(refusal(R"({"type":"ack"})") == "unknown_type");
}

TEST_CASE("ws_message: the schema is checked before any field is read") {
    auto e = read_ws_message(schemas(), R"({"type":"ballot","round_id":1,"ballot_id":"b-000001"})");
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().kind == domain::error_kind::invalid);
    CHECK(refusal(R"({"type":"hello","credential":"ABCD","token":"t"})") != "");
    CHECK(refusal(R"({"type":"hello","version":-1})") != "");
    CHECK(refusal(R"({"type":"ballot","round_id":"1","ballot_id":"b-000001","choices":["a"]})") !=
          "");
}

TEST_CASE("ws_message: hello, ballot and ping are read into their types") {
    auto ping = read_ws_message(schemas(), R"({"type":"ping"})");
    REQUIRE(ping.has_value());
    CHECK(std::holds_alternative<server::ping_message>(*ping));

    auto voter = read_ws_message(
        schemas(),
        R"({"type":"hello","credential":"K7QM-2XPA","version":12,"pending_round_id":3,"pending_ballot_id":"b-000009"})");
    REQUIRE(voter.has_value());
    const auto& h = std::get<server::hello_message>(*voter);
    CHECK(h.credential == "K7QM-2XPA");
    CHECK_FALSE(h.token.has_value());
    CHECK(h.version == 12);
    CHECK(h.pending_round_id == 3);
    CHECK(h.pending_ballot_id == "b-000009");

    auto staff = read_ws_message(schemas(), R"({"type":"hello","token":"abc"})");
    REQUIRE(staff.has_value());
    const auto& s = std::get<server::hello_message>(*staff);
    CHECK(s.token == "abc");
    CHECK(s.version == 0);
    CHECK(s.pending_round_id == 0);

    auto ballot = read_ws_message(
        schemas(),
        R"({"type":"ballot","round_id":4,"ballot_id":"b-000001","choices":["P-1","P-3"]})");
    REQUIRE(ballot.has_value());
    const auto& b = std::get<server::ballot_message>(*ballot);
    CHECK(b.round_id == 4);
    CHECK(b.ballot_id == "b-000001");
    CHECK(b.choices == std::vector<std::string>{"P-1", "P-3"});
}

TEST_CASE("ws_message: visibility, and hidden in the hello") {
    auto hidden = read_ws_message(schemas(), R"({"type":"visibility","hidden":true})");
    REQUIRE(hidden.has_value());
    CHECK(std::get<server::visibility_message>(*hidden).hidden);
    auto shown = read_ws_message(schemas(), R"({"type":"visibility","hidden":false})");
    REQUIRE(shown.has_value());
    CHECK_FALSE(std::get<server::visibility_message>(*shown).hidden);
    CHECK(refusal(R"({"type":"visibility"})") != "");
    CHECK(refusal(R"({"type":"visibility","hidden":"yes"})") != "");
    CHECK(refusal(R"({"type":"visibility","hidden":true,"extra":1})") != "");

    auto hello =
        read_ws_message(schemas(), R"({"type":"hello","credential":"K7QM-2XPA","hidden":true})");
    REQUIRE(hello.has_value());
    CHECK(std::get<server::hello_message>(*hello).hidden);
    auto plain = read_ws_message(schemas(), R"({"type":"hello"})");
    REQUIRE(plain.has_value());
    CHECK_FALSE(std::get<server::hello_message>(*plain).hidden); // never said: visible
    CHECK(refusal(R"({"type":"hello","hidden":1})") != "");
}

TEST_CASE("ws_message: numbers past 64 bits are refused, never converted") {
    // 2^64 and a float: JSON integers the schema's "integer" might accept but the reads cannot
    // hold; either the schema or the reader must refuse them (a throw would escape a strand).
    for (
        const char* text :
        {R"({"type":"hello","version":18446744073709551616})",
         R"({"type":"hello","version":1e300})",
         R"({"type":"ballot","round_id":9223372036854775808,"ballot_id":"b-000001","choices":["a"]})"}) {
        CAPTURE(text);
        domain::result<server::ws_message> msg =
            domain::fail(domain::error_kind::internal, "x", "");
        CHECK_NOTHROW(msg = read_ws_message(schemas(), text));
        CHECK_FALSE(msg.has_value());
    }
}
