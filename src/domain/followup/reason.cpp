#include "domain/followup/reason.hpp"

#include "domain/assembly/text_field.hpp"
#include "domain/csv.hpp"

namespace asamblea::domain {

status check_reason(std::string_view reason, std::string when_blank) {
    if (!valid_utf8(reason))
        return fail(error_kind::invalid, "reason_invalid", "La razón tiene caracteres no válidos.",
                    "reason");
    bool blank = true;
    for (char c : reason)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            blank = false;
    if (blank)
        return fail(error_kind::invalid, "reason_required", std::move(when_blank), "reason");
    if (utf8_length(reason) > max_reason_chars)
        return fail(error_kind::invalid, "reason_too_long",
                    "La razón debe tener como máximo " + std::to_string(max_reason_chars) +
                        " caracteres.",
                    "reason");
    return {};
}

} // namespace asamblea::domain
