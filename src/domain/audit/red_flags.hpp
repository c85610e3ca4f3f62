#pragma once
/// Red flags for auditors: patterns across clinics that deserve a second look («un motivo para
/// revisar, no un veredicto»). Pure: the caller gathers each clinic's works, quotes, expenses and
/// evidence of one edition; detect_red_flags returns every flag with its evidence.

#include "domain/error.hpp"
#include "domain/money.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// The words every flag is shown with.
inline constexpr std::string_view red_flag_caveat = "Un motivo para revisar, no un veredicto";

/// The edition's thresholds; the defaults are the issue's.
struct flag_thresholds {
    int quote_gap_percent = 2;       // quotes this close (or identical) to each other
    int supplier_min_clinics = 3;    // an RFC winning in this many clinics of a state …
    int supplier_share_percent = 25; // … or taking this share of the state's spending
    int ring_min_works = 3;          // the same 2 or 3 RFCs quoting together this often
    int outlier_multiple = 3;        // a unit price above this many times the state's median
    int unproven_days = 30;          // money spent this many days ago with nothing to show
    bool operator==(const flag_thresholds&) const = default;
};

/// Checks every threshold's range; invalid threshold_invalid with the field's name otherwise.
status check_thresholds(const flag_thresholds& t);

struct flag_quote {
    std::int64_t id = 0;
    std::string supplier;
    std::string rfc;
    centavos amount = 0;
};

struct flag_expense {
    std::int64_t id = 0;
    std::string cfdi_uuid;
    std::string rfc;
    std::string supplier;
    centavos amount = 0;
    std::string invoice_date; // YYYY-MM-DD (the CFDI's fecha)
    bool voided = false;
};

/// A work item of one clinic: live quotes, every expense (voided ones too), live evidence.
struct flag_work {
    std::int64_t id = 0;
    std::string title;
    std::string category; // obra, mejoramiento, equipamiento, mobiliario
    int quantity = 0;
    bool delivered = false; // entregado or verificado
    bool cancelled = false;
    std::optional<std::int64_t> chosen_quote;
    std::string chosen_reason;
    std::vector<flag_quote> quotes;
    std::vector<flag_expense> expenses;
    int photos_before = 0;
    int photos_after = 0;
    bool entrega_recepcion = false;
    std::vector<std::string> photo_sha256; // every live photo of the work
};

struct flag_clinic {
    std::string clues;
    std::string name;
    std::string state;         // entidad
    std::string assembly_date; // YYYY-MM-DD, empty when unknown
    std::vector<flag_work> works;
};

/// An expense of another edition whose CFDI UUID one of this edition's expenses also carries.
struct flag_other_use {
    std::int64_t expense_id = 0;
    std::string cfdi_uuid;
    std::string clues;
    int edition = 0;
    std::int64_t work_id = 0;
    centavos amount = 0;
    bool voided = false;
};

struct flag_input {
    int edition = 0;
    std::string deadline; // YYYY-MM-DD
    std::string today;    // YYYY-MM-DD (Mexico City)
    flag_thresholds thresholds;
    std::vector<flag_clinic> clinics;
    std::vector<flag_other_use> other_editions; // for cfdi_repetido across editions
};

enum class flag_kind {
    cfdi_repetido,
    factura_fuera_de_fecha,
    no_la_mas_barata,
    cotizaciones_parecidas,
    proveedor_dominante,
    proveedores_juntos,
    precio_atipico,
    entrega_sin_fotos,
    gasto_sin_comprobar,
    foto_repetida,
};

/// "cfdi_repetido", "factura_fuera_de_fecha", … (the wire names).
std::string_view to_string(flag_kind kind);
/// The kind's heading in Spanish: "CFDI presentado más de una vez", …
std::string_view flag_title(flag_kind kind);

struct flag_clinic_ref {
    std::string clues;
    std::string name;
    std::string state;
    bool operator==(const flag_clinic_ref&) const = default;
};

struct red_flag {
    flag_kind kind = flag_kind::cfdi_repetido;
    /// Stable across recomputation: the kind, the clinic(s) and the subject (work, UUID, RFCs,
    /// sha256), so a review stays attached to its flag.
    std::string key;
    std::string state; // the state it is grouped under (its first clinic's)
    std::vector<flag_clinic_ref> clinics;
    std::vector<std::int64_t> work_ids;
    std::string summary;               // one Spanish sentence
    std::vector<std::string> evidence; // the facts behind it, one per line
    centavos amount = 0;               // the money concerned
};

/// Every flag of the input, ordered by state, kind and key.
std::vector<red_flag> detect_red_flags(const flag_input& in);

} // namespace asamblea::domain
