// COSABI invitations: the code's shape and how it is typed back, and when it can be claimed.
#include "domain/invitation.hpp"

#include <doctest/doctest.h>

#include <array>

using namespace asamblea::domain;

TEST_CASE("invitation codes: 12 symbols, shown in three groups, typed back leniently") {
    std::array<unsigned char, invitation_code_length> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(i * 37 + 5);
    auto code = make_invitation_code(bytes);
    CHECK(code.size() == 12);
    auto shown = display_invitation_code(code);
    CHECK(shown.size() == 14);
    CHECK(shown[4] == '-');
    CHECK(shown[9] == '-');
    CHECK(parse_invitation_code(shown) == code);
    std::string lower;
    for (char c : shown)
        lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    CHECK(parse_invitation_code(" " + lower + " ") == code);
    CHECK_FALSE(parse_invitation_code(code.substr(0, 11)));
    CHECK_FALSE(parse_invitation_code(code + "2"));
    CHECK_FALSE(parse_invitation_code("K7P4-M2Q9-X3H0")); // 0 is not in the alphabet
    CHECK_FALSE(parse_invitation_code(""));
}

TEST_CASE("an invitation can be claimed until its expiry, and only while open") {
    const std::string expires = "2026-03-01T17:00:00.000Z";
    CHECK(check_claimable(true, expires, "2026-03-01T16:59:59.999Z"));
    auto at_expiry = check_claimable(true, expires, "2026-03-01T17:00:00.000Z");
    REQUIRE_FALSE(at_expiry);
    CHECK(at_expiry.error().code == "invitation_expired");
    CHECK(at_expiry.error().kind == error_kind::conflict);
    CHECK(at_expiry.error().field == "code");
    CHECK(at_expiry.error().message.find("7 días") != std::string::npos);
    CHECK(check_claimable(false, expires, "2026-01-01T00:00:00.000Z").error().code ==
          "invitation_used");
    // Used beats expired: the person needs a new code either way, and this says why.
    CHECK(check_claimable(false, expires, "2027-01-01T00:00:00.000Z").error().code ==
          "invitation_used");
    // A row the migration could not date fails closed.
    CHECK_FALSE(check_claimable(true, "", "2026-01-01T00:00:00.000Z"));
    CHECK(invitation_lifetime == std::chrono::days(7));
}
