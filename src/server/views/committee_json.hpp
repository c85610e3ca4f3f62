#pragma once
/// The wire shapes of docs/api.md "COSABI": nomination, the roles, member, issued invitation.

#include "store/member_repo.hpp"
#include "store/nomination_repo.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace asamblea::server {

nlohmann::json to_json(const store::nomination_row& n);
/// The committee's roles with their labels and seats.
nlohmann::json roles_json();
/// A member; staff also see whether the deciding round is revealed and the state of the login
/// (an invitation counts as expired from `now` on).
nlohmann::json member_json(const store::member_row& m, bool staff_view, const std::string& now);
/// A new invitation code, shown once, with the page where the member claims it.
nlohmann::json invitation_json(const std::string& code, const std::string& clues,
                               const std::string& expires_at);

} // namespace asamblea::server
