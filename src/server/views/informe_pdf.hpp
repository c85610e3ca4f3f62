#pragma once
/// The informe (report) of a clinic's follow-up for its assembly as a PDF: the cuadernillo,
/// the proof score, the deadline and every work with its quotes, expenses, evidence and moves.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::server {

/// The five columns of the cuadernillo, in centavos.
struct informe_money {
    std::int64_t asignado = 0, comprometido = 0, ejercido = 0, comprobado = 0, saldo = 0;
};

struct informe_quote {
    std::string supplier, rfc, date;
    std::int64_t amount = 0;
    bool chosen = false, cheapest = false, voided = false;
    std::string reason; // the chosen one's public reason when it is not the cheapest
};

struct informe_expense {
    std::string uuid, supplier, rfc, fecha;
    std::int64_t amount = 0;
    bool voided = false;
    std::string void_reason;
};

struct informe_move {
    std::string from, to;         // Spanish labels
    std::string reason, role, at; // role: Spanish label, may be empty; at: UTC ISO 8601
};

struct informe_work {
    std::string title, category, state; // Spanish labels
    std::int64_t approved = 0;
    informe_money money;
    std::vector<informe_quote> quotes;
    std::string quote_exception;
    std::vector<informe_expense> expenses;
    int photos_before = 0, photos_during = 0, photos_after = 0, documents = 0;
    bool entrega_recepcion = false;
    int confirmations = 0;
    std::vector<informe_move> moves;
};

struct informe_data {
    std::string clinic_name, clues, municipio, entidad;
    int edition = 0;
    std::int64_t budget = 0;
    informe_money money;
    std::int64_t spent = 0, proven = 0;
    std::optional<int> proven_percent, photos_percent;
    int delivered = 0, delivered_with_photos = 0;
    std::string deadline;      // "YYYY-MM-DD"
    std::string deadline_text; // "Quedan 12 días para comprobar", ...; may be empty
    std::vector<informe_work> works;
    std::int64_t chain_seq = 0;
    std::string chain_hash;
    std::string generated_at; // UTC ISO 8601
};

/// "$1,234.56" for centavos.
std::string pesos_con_centavos(std::int64_t centavos);

/// The PDF bytes (A4, Helvetica, Spanish in WinAnsi as the acta); throws std::runtime_error
/// when libharu fails.
std::string build_informe_pdf(const informe_data& informe);

} // namespace asamblea::server
