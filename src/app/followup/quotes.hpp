#pragma once
/// Use cases of quotes (cotizaciones): add, void, choose, and the written exception to three.
/// Only a current committee member (app::current_member), only while the work item is planeado
/// or cotizando.

#include "app/command.hpp"
#include "app/followup/file_source.hpp"
#include "app/followup/work_event.hpp"
#include "domain/money.hpp"

#include <cstdint>
#include <string>

namespace asamblea::app {

struct quote_input {
    std::string supplier, rfc;
    domain::centavos amount = 0;
    std::string date, valid_until, file_sha256;
};

/// domain::check_new_quote; the file must exist (not_found file_not_found); a wrong RFC check
/// digit only warns ("rfc_digit"). quote.added. `files` must outlive the command's prepare.
command<work_event> add_quote(std::int64_t user_id, std::int64_t work_id, quote_input input,
                              const file_source& files);

/// Voids a live quote with a reason; a chosen quote stops being chosen. quote.voided.
command<work_event> void_quote(std::int64_t user_id, std::int64_t quote_id, std::string reason);

/// domain::check_choose: a reason is required (and public) unless it is the cheapest.
/// quote.chosen.
command<work_event> choose_quote(std::int64_t user_id, std::int64_t work_id, std::int64_t quote_id,
                                 std::string reason);

/// The written exception to three quotes (domain::check_reason); quote.exception.
command<work_event> set_quote_exception(std::int64_t user_id, std::int64_t work_id,
                                        std::string text);

} // namespace asamblea::app
