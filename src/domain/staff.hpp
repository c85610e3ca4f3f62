#pragma once
/// Staff roles and the rule that decides which clinics a logged-in person may act on.

#include "domain/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

enum class role { coordinator, moderator, committee };

std::string_view to_string(role r);
std::optional<role> parse_role(std::string_view text);

/// Who is acting: a staff member with a role scoped to clinics (a coordinator with none is
/// national).
struct principal {
    std::int64_t user_id = 0;
    std::string username;
    domain::role role = role::moderator;
    std::vector<std::string> clinics;
};

/// Allowed when the principal has one of the roles and its scope covers the clinic.
status authorize(const principal& who, std::initializer_list<role> roles, std::string_view clues);

/// Checks a new username: 3–40 characters of a–z, 0–9, '.', '-' or '_'.
status check_username(std::string_view username);

/// Checks a new password: 10 to 128 bytes.
status check_password(std::string_view password);

} // namespace asamblea::domain
