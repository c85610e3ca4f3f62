#pragma once
/// The national view's tables (/api/open/national/{table}.csv and .json): each table is defined
/// once, as named, typed columns, and written both ways, so the CSV and the JSON always agree.
/// Money is pesos with two decimals in the CSV and integer centavos in the JSON (the column's
/// name gets "_centavos" there).

#include "app/transparency/national_followup.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::server {

/// "institutions", "states", "clinics", "unproven", "stalled", "stalled-works", "live".
enum class national_table_name {
    institutions,
    states,
    clinics,
    unproven,
    stalled,
    stalled_works,
    live
};

/// The table of a file stem; nullopt for any other.
std::optional<national_table_name> parse_national_table(std::string_view stem);
/// The file stem of a table.
std::string_view to_string(national_table_name t);
/// Whether the table comes from the day's live figures (live) or the follow-up (the rest).
bool is_live_table(national_table_name t);

enum class column_kind { text, integer, money, percent };

struct national_table {
    std::vector<std::pair<std::string, column_kind>> columns;
    std::vector<std::vector<nlohmann::json>> rows; // text, integer, centavos, integer or null
};

/// The follow-up tables (every name but live).
national_table follow_up_table(const app::national_followup& v, national_table_name t);
/// The live table.
national_table live_table(const app::national_live& v);

/// RFC 4180 with the header first; text cells get the open data's formula guard.
std::string table_csv(const national_table& t);
/// An array of objects keyed by column.
nlohmann::json table_json(const national_table& t);

} // namespace asamblea::server
