// The live results written as text (append_json, for every counted ballot) say exactly what the
// JSON tree of the same result says, whatever the labels hold.
#include "server/views/json_text.hpp"
#include "server/views/round_json.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using asamblea::domain::round_result;
using nlohmann::json;

namespace round_json_test {

namespace {

std::string written(const round_result& r) {
    std::string out;
    asamblea::server::append_json(out, r);
    return out;
}

} // namespace

TEST_CASE("a budget result written as text parses to its JSON tree") {
    round_result r;
    r.lines = {{"p1", "Techo del \"consultorio\"", 12, true, "Cabe en el presupuesto.", 0},
               {"p2", "Baño\\lavabo\nnuevo\t(2)", 0, false, "", 0},
               {"p3", std::string("Control \x01 y \x1f fin"), 3, false, "No alcanzó.", 0}};
    r.summary = "Se eligieron 1 de 3 propuestas, ñandú incluido.";
    r.spent = 1234567;
    r.quorum_met = false;
    auto text = written(r);
    CAPTURE(text);
    CHECK(json::parse(text) == asamblea::server::to_json(r));
}

TEST_CASE("an election result with seats and a tied runoff written as text parses the same") {
    round_result r;
    r.lines = {{"a", "Ana", 5, true, "Electa.", 1}, {"b", "Beto", 5, false, "Empate.", 0}};
    r.runoff = true;
    r.tied = {"b", "c\"d"};
    auto text = written(r);
    CAPTURE(text);
    CHECK(json::parse(text) == asamblea::server::to_json(r));

    r.lines.clear();
    r.tied.clear();
    CHECK(json::parse(written(r)) == asamblea::server::to_json(r));
}

TEST_CASE("a JSON string written by hand escapes what JSON requires and keeps UTF-8") {
    std::string out;
    asamblea::server::append_json_string(out, "a\"b\\c\x02é");
    CHECK(out == "\"a\\\"b\\\\c\\u0002é\"");
    CHECK(json::parse(out) == "a\"b\\c\x02é");
}

TEST_CASE("a JSON string written by hand is dump's text for every byte") {
    // Every byte alone (those past 0x7f within a valid two-byte character), then between letters.
    for (int b = 0; b < 256; ++b) {
        std::string text = b < 0x80 ? std::string(1, static_cast<char>(b))
                                    : std::string{static_cast<char>(0xc0 | (b >> 6)),
                                                  static_cast<char>(0x80 | (b & 0x3f))};
        for (const auto& t : {text, "a" + text + "b"}) {
            CAPTURE(b);
            std::string out;
            asamblea::server::append_json_string(out, t);
            CHECK(out == json(t).dump());
        }
    }
}

TEST_CASE("a JSON string written by hand reads back as the same text, whatever it holds") {
    // Escapes at either end, next to each other, and plain runs between them.
    std::mt19937 rng(19);
    const std::string pieces[] = {"\"", "\\", "\n", "\r",          "\t", "\x01",     "\x1f",
                                  "é",  "ñ",  "a",  "Presupuesto", " ",  "$1,200.00"};
    for (int n = 0; n < 2000; ++n) {
        std::string text;
        for (int k = std::uniform_int_distribution<int>(0, 12)(rng); k > 0; --k)
            text += pieces[std::uniform_int_distribution<std::size_t>(0, 12)(rng)];
        std::string out = "x";
        asamblea::server::append_json_string(out, text);
        REQUIRE(out.front() == 'x');
        CHECK(json::parse(out.substr(1)) == text);
        // Only what JSON requires is escaped: without control characters, it is dump's text.
        if (std::none_of(text.begin(), text.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
            CHECK(out.substr(1) == json(text).dump());
    }
}

} // namespace round_json_test
