// The stamp shards put on what they ask each other: its text form and its time window.
#include "domain/shards/peer_stamp.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace asamblea::domain;

TEST_CASE("a peer stamp reads back what was written") {
    peer_stamp s{"sur-1", 1764946800, std::string(64, 'a')};
    auto text = format_peer_stamp(s);
    CHECK(text == "v1 sur-1 1764946800 " + std::string(64, 'a'));
    auto back = parse_peer_stamp(text);
    REQUIRE(back);
    CHECK(back->shard == "sur-1");
    CHECK(back->at == 1764946800);
    CHECK(back->mac_hex == s.mac_hex);
}

TEST_CASE("a malformed peer stamp is refused") {
    const std::string mac(64, 'f');
    CHECK_FALSE(parse_peer_stamp(""));
    CHECK_FALSE(parse_peer_stamp("v2 sur 1 " + mac));
    CHECK_FALSE(parse_peer_stamp("v1  1 " + mac));                             // no shard
    CHECK_FALSE(parse_peer_stamp("v1 sur -1 " + mac));                         // negative time
    CHECK_FALSE(parse_peer_stamp("v1 sur 12x " + mac));                        // not a number
    CHECK_FALSE(parse_peer_stamp("v1 sur 1 " + std::string(63, 'f')));         // short MAC
    CHECK_FALSE(parse_peer_stamp("v1 sur 1 " + std::string(64, 'F')));         // upper-case hex
    CHECK_FALSE(parse_peer_stamp("v1 sur 1 " + mac + " extra"));               // trailing word
    CHECK_FALSE(parse_peer_stamp("v1 " + std::string(33, 's') + " 1 " + mac)); // long name
    CHECK(parse_peer_stamp("v1 sur 1 " + mac));
}

TEST_CASE("the signed text changes with every field it covers") {
    auto base = peer_signing_text("sur", 10, "GET", "/api/fleet/ping", "00");
    CHECK(base != peer_signing_text("norte", 10, "GET", "/api/fleet/ping", "00"));
    CHECK(base != peer_signing_text("sur", 11, "GET", "/api/fleet/ping", "00"));
    CHECK(base != peer_signing_text("sur", 10, "POST", "/api/fleet/ping", "00"));
    CHECK(base != peer_signing_text("sur", 10, "GET", "/api/fleet/ping?x=1", "00"));
    CHECK(base != peer_signing_text("sur", 10, "GET", "/api/fleet/ping", "01"));
    // A field cannot run into the next: "su" + "r1…" is not "sur" + "1…".
    CHECK(peer_signing_text("su", 110, "GET", "/", "") !=
          peer_signing_text("sur", 10, "GET", "/", ""));
}

TEST_CASE("a stamp is fresh within the window either way, and no further") {
    const std::int64_t now = 1'000'000;
    const auto w = peer_stamp_window.count();
    CHECK(peer_stamp_fresh(now, now));
    CHECK(peer_stamp_fresh(now - w, now));
    CHECK(peer_stamp_fresh(now + w, now));
    CHECK_FALSE(peer_stamp_fresh(now - w - 1, now));
    CHECK_FALSE(peer_stamp_fresh(now + w + 1, now));
}
