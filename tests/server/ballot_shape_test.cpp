// The quick read of plain ballots (server/ws/ballot_shape) against schemas/ws_ballot.json: it
// may pass over a valid ballot (the schema then decides) but never take an invalid one, it
// reads what the JSON tree reads, and the plain ballots phones send are taken. The fuzz target
// ws_message checks the same on whatever it finds.
#include "server/schema_registry.hpp"
#include "server/ws/ballot_shape.hpp"
#include "server/ws/ws_message.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ballot_shape_test {

namespace {

// The quick read takes the message, and reads the fields the JSON tree holds.
bool plainly_valid_ballot(const json& msg) {
    auto quick = asamblea::server::read_plain_ballot(msg.dump());
    if (quick) {
        CHECK(quick->ballot_id == msg["ballot_id"]);
        CHECK(quick->round_id == msg["round_id"]);
        CHECK(quick->choices == msg["choices"]);
    }
    return quick.has_value();
}

const asamblea::server::schema_registry& schemas() {
    static const asamblea::server::schema_registry registry{std::string(ASAMBLEA_SOURCE_DIR) +
                                                            "/schemas"};
    return registry;
}

bool schema_accepts(const json& msg) {
    return static_cast<bool>(schemas().validate("ws_ballot", msg));
}

json plain() {
    return {{"type", "ballot"}, {"round_id", 17}, {"ballot_id", "b-Qx_09az"}, {"choices", {"12"}}};
}

} // namespace

TEST_CASE("a plain ballot gets the quick yes, and the schema agrees") {
    std::vector<json> plain_ones;
    plain_ones.push_back(plain());
    auto longest = plain();
    longest["ballot_id"] = std::string(64, 'z');
    longest["choices"] = json::array();
    for (int i = 0; i < 200; ++i)
        longest["choices"].push_back(std::string(40, 'c'));
    plain_ones.push_back(longest);
    auto big_round = plain();
    big_round["round_id"] = std::uint64_t{1} << 62;
    plain_ones.push_back(big_round);
    for (const auto& m : plain_ones) {
        CAPTURE(m.dump());
        CHECK(plainly_valid_ballot(m));
        CHECK(schema_accepts(m));
    }
}

TEST_CASE("what the quick check does not plainly accept goes to the schema") {
    auto with = [](const char* field, json value) {
        auto m = plain();
        m[field] = std::move(value);
        return m;
    };
    auto without = [](const char* field) {
        auto m = plain();
        m.erase(field);
        return m;
    };
    auto extra = plain();
    extra["hidden"] = true;
    // Invalid: the schema refuses each, so the quick check must not accept it.
    std::vector<json> invalid = {with("type", "hello"),
                                 with("round_id", 0),
                                 with("round_id", -3),
                                 with("round_id", 1.0),
                                 with("round_id", "17"),
                                 with("ballot_id", "short"),
                                 with("ballot_id", std::string(65, 'a')),
                                 with("ballot_id", "b-000001!"),
                                 with("ballot_id", 12345678),
                                 with("choices", json::array()),
                                 with("choices", {""}),
                                 with("choices", {std::string(41, 'c')}),
                                 with("choices", {7}),
                                 with("choices", "12"),
                                 without("choices"),
                                 without("round_id"),
                                 extra,
                                 json::array(),
                                 json(nullptr)};
    auto too_many = plain();
    too_many["choices"] = json::array();
    for (int i = 0; i < 201; ++i)
        too_many["choices"].push_back("1");
    invalid.push_back(too_many);
    for (const auto& m : invalid) {
        CAPTURE(m.dump());
        CHECK_FALSE(plainly_valid_ballot(m));
        CHECK_FALSE(schema_accepts(m));
    }
    // Valid, but not plainly: 40 characters of 2 bytes each. The schema accepts it, and so does
    // the server's reading of the frame.
    std::string accents;
    for (int i = 0; i < 40; ++i)
        accents += "\xc3\xb1"; // ñ
    auto spanish = with("choices", {accents});
    CHECK_FALSE(plainly_valid_ballot(spanish));
    CHECK(schema_accepts(spanish));
    CHECK(asamblea::server::read_ws_message(schemas(), spanish.dump()).has_value());
}

TEST_CASE("the quick read takes only the text of one plain object") {
    const std::string plain_text =
        R"({"type":"ballot","round_id":17,"ballot_id":"b-Qx_09az","choices":["12","7"]})";
    auto quick = asamblea::server::read_plain_ballot(plain_text);
    REQUIRE(quick);
    CHECK(quick->round_id == 17);
    CHECK(quick->ballot_id == "b-Qx_09az");
    CHECK(quick->choices == std::vector<std::string>{"12", "7"});
    // Whitespace and any order of the fields are plain JSON; escapes read as the tree reads them.
    auto spaced = asamblea::server::read_plain_ballot(
        " {\"choices\" : [\"a\\u0062\"], "
        "\"ballot_id\":\"abcdefgh\",\"round_id\":3,\"type\":\"ballot\"} ");
    REQUIRE(spaced);
    CHECK(spaced->choices == std::vector<std::string>{"ab"});
    // Not plain: each goes the long way (read whole, checked by the schema).
    const std::vector<std::string> not_plain = {
        plain_text + "x",                            // something after it
        plain_text + plain_text,                     // two of them
        plain_text.substr(0, plain_text.size() - 1), // cut short
        R"({"type":"ballot","type":"ballot","round_id":17,"ballot_id":"b-Qx_09az","choices":["12"]})",
        R"({"type":"ballot","round_id":17,"ballot_id":"b-Qx_09az","choices":[["12"]]})",
        R"({"type":"ballot","round_id":17,"ballot_id":"b-Qx_09az","choices":[{"id":"12"}]})",
        R"({"type":"ballot","round_id":17.0,"ballot_id":"b-Qx_09az","choices":["12"]})",
        R"({"type":"ballot","round_id":9223372036854775808,"ballot_id":"b-Qx_09az","choices":["12"]})",
        R"({"type":"ballot","round_id":17,"ballot_id":"b-Qx_09az","choices":["12"],"x":{}})",
        R"([{"type":"ballot","round_id":17,"ballot_id":"b-Qx_09az","choices":["12"]}])",
        // not UTF-8
        R"({"type":"ballot","round_id":17,"ballot_id":"b-Qx_09az","choices":[")" +
            std::string(1, '\xff') + R"("]})",
        std::string(),
    };
    for (const auto& text : not_plain) {
        CAPTURE(text);
        CHECK_FALSE(asamblea::server::read_plain_ballot(text));
    }
    // A field twice is valid JSON the tree reads (the last one wins) and the schema accepts:
    // the server still takes it, the long way.
    auto twice = asamblea::server::read_ws_message(
        schemas(),
        R"({"type":"ballot","type":"ballot","round_id":17,"ballot_id":"b-Qx_09az","choices":["12"]})");
    REQUIRE(twice.has_value());
    CHECK(std::get<asamblea::server::ballot_message>(*twice).ballot_id == "b-Qx_09az");
}

TEST_CASE("random ballots: a quick yes is never a schema no, and the server reads as the schema") {
    std::mt19937 rng(20261206);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    const std::vector<json> rounds = {1, 2, 0, -1, 1.5, 3.0, "4", nullptr, std::uint64_t{1} << 63};
    // The first eleven are allowed in an id; the rest are not.
    const std::vector<std::string> id_chars = {"a", "b", "c", "X", "Y", "Z", "0",
                                               "1", "9", "_", "-", "!", "é", " "};
    int quick = 0;
    for (int trial = 0; trial < 4000; ++trial) {
        json m = json::object();
        if (pick(10))
            m["type"] = pick(20) ? json("ballot") : json("ballots");
        if (pick(10))
            m["round_id"] =
                pick(2) ? json(1 + pick(1000))
                        : rounds[static_cast<std::size_t>(pick(static_cast<int>(rounds.size())))];
        if (pick(10)) {
            std::string id;
            int alphabet = pick(4) ? 11 : 14; // a quarter of the ids may hold a bad character
            for (int n = pick(70); n > 0; --n)
                id += id_chars[static_cast<std::size_t>(pick(alphabet))];
            m["ballot_id"] = id;
        }
        if (pick(10)) {
            json choices = json::array();
            int n = pick(8) ? pick(5) : 195 + pick(10);
            for (int i = 0; i < n; ++i)
                choices.push_back(pick(30)
                                      ? json(std::string(static_cast<std::size_t>(pick(44)), 'x'))
                                      : json(i));
            m["choices"] = choices;
        }
        if (!pick(15))
            m["extra"] = 1;
        CAPTURE(m.dump());
        bool accepted = schema_accepts(m);
        if (plainly_valid_ballot(m)) {
            ++quick;
            CHECK(accepted);
        }
        if (m.value("type", "") == "ballot")
            CHECK(asamblea::server::read_ws_message(schemas(), m.dump()).has_value() == accepted);
    }
    // The generator reaches the quick path often enough for the implication to mean something.
    CHECK(quick > 300);
}

} // namespace ballot_shape_test
