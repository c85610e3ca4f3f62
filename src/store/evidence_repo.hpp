#pragma once
/// Evidence (photos and documents) attached to work items: metadata only; the file itself is
/// stored by its sha256 beside the database before any row points at it. Never deleted.

#include "domain/followup/work_state.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct evidence_row {
    std::int64_t id = 0;
    std::int64_t work_id = 0;
    domain::evidence_kind kind = domain::evidence_kind::documento;
    std::string file_sha256;
    std::string mime;
    std::optional<std::int64_t> size_bytes;
    std::optional<std::string> taken_at;
    std::optional<double> latitude, longitude;
    std::string note;
    std::int64_t uploaded_by = 0;
    std::string created_at;
    std::string voided_at; // empty while live
    std::string void_reason;
};

/// Adds a piece of evidence (id, created_at, voided_at ignored); its id.
std::int64_t insert_evidence(write_context& ctx, const evidence_row& row);
/// Voids live evidence (a wrong photo, a file of another work); false when already voided.
bool void_evidence(write_context& ctx, std::int64_t id, const std::string& reason);

/// The work item's evidence, voided included, in the order it was added.
std::vector<evidence_row> list_evidence(SQLite::Database& db, std::int64_t work_id);
/// Evidence of one of the clinic's work items; nullopt for another clinic's.
std::optional<evidence_row> find_evidence(SQLite::Database& db, const std::string& clues,
                                          std::int64_t id);

/// The kinds of the clinic's live (not voided) evidence that is this file, each once; empty when
/// none is. Whether a kind may be shown to the public is the caller's rule.
std::vector<domain::evidence_kind>
live_evidence_kinds(SQLite::Database& db, const std::string& clues, const std::string& sha256);

/// Whether a record of the clinic's follow-up names the file (a quote's, an expense's invoice,
/// PDF or payment proof, a piece of evidence; voided ones too: they stay on record).
bool clinic_names_file(SQLite::Database& db, const std::string& clues, const std::string& sha256);

} // namespace asamblea::store
