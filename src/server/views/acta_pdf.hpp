#pragma once
/// The acta (record) of a community assembly as a PDF, built with libharu from plain data.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::server {

struct acta_line {
    std::string label;
    std::int64_t votes = 0;
    bool selected = false;
    std::string explanation; // plain Spanish, from the stored result
};

struct acta_round {
    std::string title;
    std::string kind;           // Spanish label
    std::string rule;           // plain Spanish: what the rule does, may be empty
    std::string rule_technical; // its technical name, for the annex only; may be empty
    std::int64_t ballots = 0;
    std::vector<acta_line> lines;
    std::string summary;
    bool revealed = true;
    bool quorum_met = true;    // when it closed; without it the result is not valid
    std::int64_t present = -1; // attendees when it closed, -1 when not recorded
    std::int64_t quorum = -1;  // the quorum then, -1 when not recorded
};

struct acta_member {
    std::string role; // Spanish label
    std::string nombre;
};

/// A staff member who ran the assembly (checked people in, nominated, noted incidents).
struct acta_staff {
    std::string username;
    std::string role; // Spanish label: «moderación», «coordinación»
};

/// A proposal and what became of it, in plain Spanish.
struct acta_proposal {
    std::string title;
    std::string category; // Spanish label
    std::string cost;     // "$100,000.00"
    std::string fate;     // "Votada en «Presupuesto»: seleccionada, 3 votos." …
};

struct acta_incident {
    std::string at; // UTC ISO 8601
    std::string text;
    std::string by; // username, may be empty
};

/// A pause of the session: when it was suspended and when it resumed (empty: it did not).
struct acta_pause {
    std::string from, to;
};

struct acta_data {
    bool draft = false; // printed as «BORRADOR»
    std::string clinic_name, clues, municipio, entidad;
    int edition = 0;
    std::string scheduled_at; // UTC ISO 8601, may be empty
    std::string state;
    std::int64_t attendance = 0;
    std::int64_t mujeres = 0, hombres = 0, otro_sexo = 0; // the attendance by recorded sex
    // The real times, from the audit chain (UTC ISO 8601; empty when it did not happen yet).
    std::string registro_at; // registration opened
    std::string opened_at;   // the session opened (first move to en_sesion)
    std::vector<acta_pause> pauses;
    std::string closed_at;         // the assembly was closed
    std::vector<acta_staff> staff; // who ran it
    int quorum_min = 0;
    bool quorum_met = false;
    std::vector<acta_round> rounds; // closed rounds only
    std::vector<acta_member> committee;
    std::vector<acta_proposal> proposals; // every proposal, in the order it was added
    std::vector<acta_incident> incidents; // oldest first
    std::string public_page; // the clinic's public page (absolute URL) for the QR; may be empty
    std::int64_t chain_seq = 0;
    std::string chain_hash;
    bool chain_is_close = false; // the link is the assembly's closing event, not the head
    std::string generated_at;    // UTC ISO 8601
};

/// "2026-02-21T17:00:00.000Z" → "sábado 21 de febrero de 2026, 11:00 h" (America/Mexico_City,
/// fixed UTC−6); the input unchanged when it cannot be read.
std::string fecha_larga(std::string_view utc_iso);

/// "2026-02-21T17:05:00Z" → "11:05 h" (America/Mexico_City, fixed UTC−6); the input unchanged
/// when it cannot be read.
std::string hora_local(std::string_view utc_iso);

/// The PDF bytes (A4, Helvetica); throws std::runtime_error when libharu fails.
std::string build_acta_pdf(const acta_data& acta);

} // namespace asamblea::server
