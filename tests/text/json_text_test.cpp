// Strings and arrays of strings written as JSON by hand are what nlohmann::json's dump() writes
// for the same values: the live results, a ballot's ack, its row and its audit event use them.
#include "text/json_text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>

using asamblea::text::append_json_string;
using asamblea::text::append_json_string_array;
using nlohmann::json;

namespace json_text_test {

TEST_CASE("a JSON string written by hand escapes what JSON requires and keeps UTF-8") {
    std::string out;
    append_json_string(out, "a\"b\\c\x02é");
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
            append_json_string(out, t);
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
        append_json_string(out, text);
        REQUIRE(out.front() == 'x');
        CHECK(json::parse(out.substr(1)) == text);
        // Only what JSON requires is escaped: without control characters, it is dump's text.
        if (std::none_of(text.begin(), text.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
            CHECK(out.substr(1) == json(text).dump());
    }
}

TEST_CASE("an array of strings written by hand is dump's text, empty or not") {
    const std::vector<std::vector<std::string>> cases = {
        {}, {""}, {"12"}, {"12", "15", "7"}, {"a\"b", "c\\d", "ñ\t"}};
    for (const auto& items : cases) {
        std::string out;
        append_json_string_array(out, items);
        CHECK(out == json(items).dump());
    }
}

} // namespace json_text_test
