#pragma once
/// An exact non-negative decimal amount as a file writes it ("216829.41"): an integer over a
/// power of ten, so amounts with decimals count exactly, as pabutools does with fractions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// `units` / 10^`decimals`.
struct decimal_amount {
    std::int64_t units = 0;
    int decimals = 0;
};

/// Reads "1200", "1200.5", ".5", "5." or "216829,41" (pabutools reads a comma as the decimal
/// point), surrounding blanks ignored. Trailing zeros of the fraction are dropped, so "100.00" is
/// 100 with no decimals. nullopt for anything else: a sign, an exponent, several points, no digit,
/// or more than 18 digits once the trailing zeros are gone.
std::optional<decimal_amount> parse_decimal_amount(std::string_view text);

/// The amount in units of 10^-`decimals` (which must be at least `a.decimals`); nullopt when that
/// is above `limit`.
std::optional<std::int64_t> scaled_units(const decimal_amount& a, int decimals, std::int64_t limit);

/// Writes `units` / 10^`decimals` with exactly `decimals` digits after the point: (40000000, 2)
/// gives "400000.00", (7, 0) gives "7". `units` must not be negative.
std::string format_decimal(std::int64_t units, int decimals);

} // namespace asamblea::domain
