#pragma once
/// Expenses (gastos): tesorería records each with its CFDI invoice, and voids a wrong one.

#include "app/command.hpp"
#include "app/followup/file_source.hpp"
#include "app/followup/work_event.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace asamblea::app {

struct expense_input {
    std::string xml_sha256, pdf_sha256;
    std::string payment_sha256; // optional proof of payment, empty without one
};

/// The CFDI UUID (normalized) of the stored XML `xml_sha256`; nullopt when the file is missing
/// or is no CFDI (record_expense then says why). For the check on the other shards, before the
/// command (server/fleet/cfdi_check).
std::optional<std::string> invoice_uuid(const file_source& files, const std::string& xml_sha256);

/// A command that changes nothing and fails with `e` (an error found before the write).
command<work_event> refused_expense(domain::error e);

/// Tesorería only (forbidden tesoreria_only). Reads the XML (documents::read_cfdi), checks the
/// invoice (domain::check_invoice), refuses a UUID live anywhere (conflict cfdi_uuid_used, naming
/// the clinic and work item), then domain::check_expense (over_contract, over_balance, ...),
/// again inside the write. The PDF must exist and be a PDF. expense.recorded. `files` must
/// outlive the command's prepare.
command<work_event> record_expense(std::int64_t user_id, std::int64_t work_id, expense_input input,
                                   const file_source& files);

/// Tesorería only: voids a live expense with a reason (its UUID is free again). expense.voided.
command<work_event> void_expense(std::int64_t user_id, std::int64_t expense_id, std::string reason);

} // namespace asamblea::app
