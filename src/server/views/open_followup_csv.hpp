#pragma once
/// The follow-up's open data as CSV, one file per record type (GET /api/open/{works,quotes,
/// expenses,evidence}.csv, `asamblea export --dir`). RFC 4180, UTF-8, money in pesos with two
/// decimals, the clinic and work on every row so each file stands alone.

#include "app/open_data/open_followup.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::server {

/// The record types: "works", "quotes", "expenses", "evidence".
enum class open_csv_table { works, quotes, expenses, evidence };

/// The table of a name; nullopt for any other.
std::optional<open_csv_table> parse_open_csv_table(std::string_view name);
/// "works", "quotes", "expenses" or "evidence" (also the file's stem).
std::string_view to_string(open_csv_table t);

/// The whole file, header first.
std::string open_followup_csv(const std::vector<app::open_clinic_followup>& clinics,
                              open_csv_table table);

} // namespace asamblea::server
