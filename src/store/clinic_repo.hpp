#pragma once
/// Clinics in SQLite: bulk upsert from an import, lookup by CLUES, filtered and paged search.

#include "domain/clinic.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::store {

struct clinic_query {
    std::string text;    // substring of nombre, CLUES or municipio, accent- and case-insensitive
    std::string entidad; // exact state name, or empty for all
    std::string institucion; // institution, case-insensitive, or empty for all
    int page = 1;
    int per_page = 20;
};

struct clinic_page {
    std::vector<domain::clinic> items;
    std::int64_t total = 0;
    int page = 1;
    int per_page = 20;
};

struct import_counts {
    std::size_t inserted = 0;
    std::size_t updated = 0;
};

/// Told how many rows are written so far, for a progress bar.
using progress_fn = std::function<void(std::size_t done, std::size_t total)>;

/// Inserts new clinics and updates existing ones by CLUES; audits one event for the import.
import_counts upsert_clinics(write_context& ctx, const std::vector<domain::clinic>& clinics,
                             const progress_fn& progress = {});

std::optional<domain::clinic> find_clinic(SQLite::Database& db, std::string_view clues);
clinic_page search_clinics(SQLite::Database& db, const clinic_query& q);
/// The states that have at least one clinic, sorted.
std::vector<std::string> list_entidades(SQLite::Database& db);
std::int64_t count_clinics(SQLite::Database& db);

/// A clinic's CLUES with its row number, which only grows (clinics are never deleted).
struct clinic_key {
    std::int64_t row = 0;
    std::string clues;
};
/// The CLUES of the clinics stored after row `after` (0: all), in row order: what a cache of
/// known clinics reads on a miss, a few rows at most once an import is done.
std::vector<clinic_key> clinic_keys_after(SQLite::Database& db, std::int64_t after);

} // namespace asamblea::store
