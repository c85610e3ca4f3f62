#pragma once
/// `asamblea export --dir`: the follow-up's open data and the budget rounds' pabulib files, the
/// same content as GET /api/open/…, written beside the national export.

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <string>
#include <vector>

namespace asamblea::cli {

/// Writes into `dir` (which exists) followup.json, works.csv, quotes.csv, expenses.csv,
/// evidence.csv, ocds.json (only when some clinic has published works; a release package cannot
/// be empty) and rounds/{CLUES}-{id}.pb for every revealed budget round of `clinics`. Reads
/// inside the caller's snapshot. `origin` is the server's public origin ("https://host", or
/// empty): it names the OCDS package and links its documents. `generated_at` is UTC.
void write_open_data(SQLite::Database& db, const std::vector<std::string>& clinics,
                     const std::filesystem::path& dir, const std::string& origin,
                     const std::string& generated_at);

} // namespace asamblea::cli
