#pragma once
/// The follow-up as open data: what anyone may know about a clinic's works of a closed assembly.
/// The records carry only public fields, so nothing private can reach a view by mistake: no
/// attendee, no user or member, no evidence's position, note or uploader, no voided quote or
/// evidence.

#include "domain/clinic.hpp"
#include "domain/error.hpp"
#include "domain/followup/work_state.hpp"
#include "domain/money.hpp"
#include "domain/proposal.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::app {

/// A live quote (cotización).
struct open_quote {
    std::int64_t id = 0;
    std::string supplier;
    std::string rfc;
    domain::centavos amount = 0;
    std::string date; // YYYY-MM-DD
    std::string file_sha256;
    bool chosen = false;
};

/// An expense (gasto) with its CFDI; voided ones too, with the reason, since money recorded and
/// then taken back is part of the account.
struct open_expense {
    std::int64_t id = 0;
    std::string supplier_rfc;
    std::string supplier_name;
    domain::centavos amount = 0;
    std::string cfdi_uuid;
    std::string date; // the invoice's Fecha, as in the XML (Mexico City time, no offset)
    std::string xml_sha256, pdf_sha256;
    bool voided = false;
    std::string void_reason;
};

/// A live piece of evidence: what it shows and its file's address, nothing else.
struct open_evidence {
    std::int64_t id = 0;
    domain::evidence_kind kind = domain::evidence_kind::documento;
    std::string sha256;
    std::string mime;
    std::string taken_on; // YYYY-MM-DD, or empty
};

struct open_work {
    std::int64_t id = 0;
    int edition = 0;
    std::string title;
    domain::category category = domain::category::obra;
    domain::centavos approved = 0;
    domain::work_state state = domain::work_state::planeado;
    int quantity = 0;
    std::string created_at, updated_at;
    // When it last entered each stage (UTC ISO 8601), or empty.
    std::string contracted_at, delivered_at, verified_at, cancelled_at;
    std::vector<open_quote> quotes;
    std::optional<std::int64_t> chosen_quote; // a live quote's id
    std::string chosen_reason;                // public: why not the cheapest, or empty
    std::vector<open_expense> expenses;
    std::vector<open_evidence> evidence;
};

struct open_clinic_followup {
    domain::clinic clinic;
    std::vector<open_work> works; // by edition, then in the order they were created
};

/// The clinic's works of every edition whose assembly is cerrada; not_found (clinic_not_found)
/// for an unknown clinic. A clinic without such works has none.
domain::result<open_clinic_followup> read_open_followup(SQLite::Database& db,
                                                        const std::string& clues);

/// Every clinic with works of a closed assembly, by CLUES.
std::vector<open_clinic_followup> read_open_followup_all(SQLite::Database& db);

} // namespace asamblea::app
