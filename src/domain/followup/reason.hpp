#pragma once
/// The written reason some follow-up decisions carry (stopping, cancelling, choosing a quote
/// that is not the cheapest): it is shown to the public, so it must say something.

#include "domain/assembly/text_field.hpp"
#include "domain/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// Invalid reason_required (field "reason") with `when_blank` as the message when the reason is
/// empty or only spaces; invalid reason_too_long over max_reason_chars, reason_invalid when it is
/// not valid UTF-8.
status check_reason(std::string_view reason, std::string when_blank);

} // namespace asamblea::domain
