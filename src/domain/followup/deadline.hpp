#pragma once
/// The edition's deadline for proving the money spent, and how near it is.

#include "domain/error.hpp"

#include <string>
#include <string_view>

namespace asamblea::domain {

/// The deadline when the edition sets none: 24 December of its year, "YYYY-12-24".
std::string default_deadline(int edition);

/// A deadline typed as "YYYY-MM-DD" (surrounding spaces ignored), returned as such; invalid
/// deadline_invalid (field "deadline") when it is not a real date.
result<std::string> parse_deadline(std::string_view text);

/// How close the deadline is: vencido once past, urgente 7 days or fewer (the day itself
/// included), cerca 30 days or fewer, lejos otherwise.
enum class deadline_level { lejos, cerca, urgente, vencido };
/// "lejos", "cerca", "urgente", "vencido".
std::string_view to_string(deadline_level level);

struct deadline_info {
    deadline_level level = deadline_level::lejos;
    int days_left = 0; // negative once past
    std::string text;  // "Quedan 12 días para comprobar", "Hoy vence el plazo", ...
};

/// Where `today` stands against `deadline` (both "YYYY-MM-DD", today in Mexico City); invalid
/// deadline_invalid when either is not a date.
result<deadline_info> deadline_status(std::string_view deadline, std::string_view today);

} // namespace asamblea::domain
