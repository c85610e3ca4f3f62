#pragma once
/// Quotes (cotizaciones): which ones a work item may take, and the choice among them.

#include "domain/error.hpp"
#include "domain/followup/work_state.hpp"
#include "domain/money.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// Longest supplier name, in characters.
inline constexpr std::size_t max_supplier_chars = 200;

/// A supplier's offer for a work item. Voided quotes stay on record and count for nothing.
struct quote {
    std::int64_t id = 0;
    std::string supplier;
    std::string rfc; // as normalize_rfc returns it
    centavos amount = 0;
    std::string date;        // YYYY-MM-DD
    std::string valid_until; // YYYY-MM-DD, or empty
    bool voided = false;
};

/// Whether `q` may be added to a work item in state `s` that already has `existing`:
/// conflict quotes_closed unless planeado or cotizando; invalid supplier_invalid (blank or over
/// max_supplier_chars, field "supplier"), rfc_invalid (check_rfc_input), amount_invalid
/// (not positive), date_invalid, valid_until_invalid (not a date, or before `date`); conflict
/// supplier_already_quoted when a live quote has the same normalized RFC (a voided quote frees
/// its supplier to quote again).
status check_new_quote(const std::vector<quote>& existing, const quote& q, work_state s);

/// The live (not voided) quotes: what work_proof::quotes counts.
int live_quotes(const std::vector<quote>& quotes);

/// True when quote `id` is live and no live quote is cheaper (a tie counts as cheapest).
bool is_cheapest(const std::vector<quote>& quotes, std::int64_t id);

/// Whether quote `chosen_id` may be chosen: not_found quote_not_found when it is not among
/// `quotes` or is voided; when it is not the cheapest, `reason` is required and public
/// (check_reason: invalid reason_required, reason_too_long, reason_invalid).
status check_choose(const std::vector<quote>& quotes, std::int64_t chosen_id,
                    std::string_view reason);

} // namespace asamblea::domain
