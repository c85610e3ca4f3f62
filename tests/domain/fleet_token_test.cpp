// The fleet token's text rules: its layout, the claims it carries, when it is live.
#include "domain/shards/fleet_token.hpp"
#include "domain/shards/peer_stamp.hpp"

#include <doctest/doctest.h>

#include <string>

namespace fleet_token_test {

using namespace asamblea::domain;

fleet_claims sample_claims() {
    fleet_claims c;
    c.username = "ana.lopez";
    c.home = "norte";
    c.role = "coordinator";
    c.clinics = {"BCIMB000011", "SRIMB000022"};
    c.issued_at = 1764946800;
    c.expires_at = 1764946800 + 12 * 3600;
    c.id = "q0X-_a9";
    return c;
}

} // namespace fleet_token_test

using namespace fleet_token_test;

TEST_CASE("fleet claims read back what was written") {
    auto c = sample_claims();
    auto payload = encode_fleet_claims(c);
    CHECK(payload.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(*base64url_decode(payload) == "v1\nana.lopez\nnorte\ncoordinator\nBCIMB000011,"
                                        "SRIMB000022\n1764946800\n1764990000\nq0X-_a9");
    auto back = decode_fleet_claims(payload);
    REQUIRE(back);
    CHECK(back->username == c.username);
    CHECK(back->home == c.home);
    CHECK(back->role == c.role);
    CHECK(back->clinics == c.clinics);
    CHECK(back->issued_at == c.issued_at);
    CHECK(back->expires_at == c.expires_at);
    CHECK(back->id == c.id);
}

TEST_CASE("a national coordinator's claims have no clinics") {
    auto c = sample_claims();
    c.clinics.clear();
    auto back = decode_fleet_claims(encode_fleet_claims(c));
    REQUIRE(back);
    CHECK(back->clinics.empty());
}

TEST_CASE("malformed fleet claims are refused") {
    auto enc = [](const std::string& text) { return base64url_encode(text); };
    CHECK(decode_fleet_claims(enc("v1\nana\nnorte\ncoordinator\n\n1\n2\nid")));
    CHECK_FALSE(decode_fleet_claims(enc("v2\nana\nnorte\ncoordinator\n\n1\n2\nid")));
    CHECK_FALSE(decode_fleet_claims(enc("v1\nana\nnorte\ncoordinator\n\n1\n2")));        // 7 lines
    CHECK_FALSE(decode_fleet_claims(enc("v1\nana\nnorte\ncoordinator\n\n1\n2\nid\nx"))); // 9
    CHECK_FALSE(decode_fleet_claims(enc("v1\n\nnorte\ncoordinator\n\n1\n2\nid")));       // no name
    CHECK_FALSE(decode_fleet_claims(enc("v1\nana\nnorte\ncoordinator\nA,,B\n1\n2\nid")));
    CHECK_FALSE(decode_fleet_claims(enc("v1\nana\nnorte\ncoordinator\nA,\n1\n2\nid")));
    CHECK_FALSE(decode_fleet_claims(enc("v1\nana\nnorte\ncoordinator\n\nx\n2\nid")));
    CHECK_FALSE(decode_fleet_claims(enc("v1\nana\nnorte\ncoordinator\n\n-1\n2\nid")));
    CHECK_FALSE(
        decode_fleet_claims(enc("v1\nana\nnorte\ncoordinator\n\n3\n2\nid"))); // issued > exp
    CHECK_FALSE(decode_fleet_claims("not base64!"));
    CHECK_FALSE(decode_fleet_claims("A")); // a length base64 cannot have
}

TEST_CASE("base64url has one spelling for each payload") {
    CHECK(base64url_encode("") == "");
    CHECK(base64url_encode("f") == "Zg");
    CHECK(base64url_encode("fo") == "Zm8");
    CHECK(base64url_encode("foo") == "Zm9v");
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    CHECK(*base64url_decode("-_8") == "\xfb\xff");
    CHECK_FALSE(base64url_decode("Zh")); // leftover bits set: another spelling of "f"
    CHECK_FALSE(base64url_decode("Zg=="));
}

TEST_CASE("a fleet token splits into payload and mac, and nothing else does") {
    const std::string mac(64, 'a');
    auto token = join_fleet_token("UEFZ", mac);
    CHECK(token == "f1.UEFZ." + mac);
    CHECK(looks_like_fleet_token(token));
    auto parts = split_fleet_token(token);
    REQUIRE(parts);
    CHECK(parts->payload == "UEFZ");
    CHECK(parts->mac_hex == mac);
    CHECK_FALSE(looks_like_fleet_token("AbCdEf-opaque-local-token"));
    CHECK_FALSE(split_fleet_token("f1.."));
    CHECK_FALSE(split_fleet_token("f1." + mac));                       // no payload
    CHECK_FALSE(split_fleet_token("f1.UEFZ." + std::string(63, 'a'))); // short mac
    CHECK_FALSE(split_fleet_token("f1.UEFZ." + std::string(64, 'A'))); // upper-case hex
    CHECK_FALSE(split_fleet_token("f2.UEFZ." + mac));
    CHECK_FALSE(split_fleet_token("f1." + std::string(fleet_token_max, 'A') + "." + mac));
}

TEST_CASE("the token's signed text is apart from the peer stamp's") {
    auto text = fleet_token_signing_text("UEFZ");
    CHECK(text == "asamblea-token v1\nUEFZ");
    auto stamp_text = peer_signing_text("s", 1, "GET", "/", "");
    CHECK(stamp_text.substr(0, stamp_text.find('\n')) != text.substr(0, text.find('\n')));
}

TEST_CASE("a fleet token is live from its issue (within the skew) until its expiry") {
    auto c = sample_claims();
    CHECK(fleet_claims_live(c, c.issued_at));
    CHECK(fleet_claims_live(c, c.expires_at - 1));
    CHECK_FALSE(fleet_claims_live(c, c.expires_at));
    CHECK(fleet_claims_live(c, c.issued_at - fleet_token_skew_seconds));
    CHECK_FALSE(fleet_claims_live(c, c.issued_at - fleet_token_skew_seconds - 1));
}
