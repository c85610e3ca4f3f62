#pragma once
/// The rules for a proposal list: what a valid proposal is, and how the moderator reviews it
/// (accept, reject with a reason, merge a duplicate into an accepted one).

#include "domain/assembly/text_field.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"
#include "domain/proposal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

enum class proposal_status { pendiente, aceptada, rechazada, fusionada };

std::string_view to_string(proposal_status s);
std::optional<proposal_status> parse_proposal_status(std::string_view text);

inline constexpr std::size_t max_title_chars = 120;
inline constexpr std::size_t max_description_chars = 1000;

/// The proposal with its title and description cleaned, or why it is refused; the cost must be
/// positive and no larger than the clinic's budget.
result<proposal> check_new_proposal(proposal p, centavos clinic_budget);

/// Accepting works from pendiente or rechazada (a rejection can be undone).
status can_accept(proposal_status current);

/// Rejecting works from pendiente or aceptada; returns the cleaned reason.
result<std::string> check_reject(proposal_status current, std::string_view reason);

/// Merging works from pendiente or aceptada, into another proposal that is aceptada.
status can_merge(std::int64_t id, proposal_status current, std::int64_t into,
                 proposal_status into_status);

} // namespace asamblea::domain
