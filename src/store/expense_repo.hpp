#pragma once
/// Expenses (gastos) of work items, each backed by a CFDI invoice. Voided with a reason, never
/// deleted. A folio fiscal (UUID) is live at most once in the whole database (a partial unique
/// index over the live expenses): an invoice already used anywhere is refused, and voiding the
/// expense that used it frees it again.

#include "domain/money.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct expense_row {
    std::int64_t id = 0;
    std::int64_t work_id = 0;
    std::string clues;
    domain::centavos amount = 0;
    std::string cfdi_uuid; // upper case (domain::normalize_uuid)
    std::string emisor_rfc;
    std::string emisor_nombre;
    std::string fecha; // the invoice's Fecha, as in the XML
    std::string xml_sha256;
    std::string pdf_sha256;
    std::string payment_sha256; // the proof of payment, empty without one
    std::int64_t recorded_by = 0;
    std::string created_at;
    std::string voided_at; // empty while live
    std::string void_reason;
};

/// Adds a live expense (id, created_at and voided fields ignored); its id. Throws
/// SQLite::Exception when the UUID is live already (the caller checks first).
std::int64_t insert_expense(write_context& ctx, const expense_row& row);
/// Voids a live expense; false when it was already voided.
bool void_expense(write_context& ctx, std::int64_t id, const std::string& reason);

/// The work item's expenses, voided ones included, in the order they were recorded.
std::vector<expense_row> list_expenses(SQLite::Database& db, std::int64_t work_id);
/// An expense of the clinic; nullopt for another clinic's.
std::optional<expense_row> find_expense(SQLite::Database& db, const std::string& clues,
                                        std::int64_t id);
/// The live expense, of any clinic, that uses this (normalized) UUID.
std::optional<expense_row> find_live_expense_by_uuid(SQLite::Database& db, const std::string& uuid);

} // namespace asamblea::store
