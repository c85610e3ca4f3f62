#pragma once
/// The national accountability view (/nacional): after the assemblies, each clinic's money and
/// works of one edition (through the follow-up's own board, so the figures are the clinic's
/// cuadernillo), summed by institution and by state, and the clinics ranked by unproven money
/// and by stalled works. Only public facts: no person appears anywhere.

#include "domain/followup/ledger.hpp"
#include "domain/followup/proof_score.hpp"
#include "domain/followup/work_state.hpp"
#include "domain/money.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::app {

/// Sums over a set of clinics (one, a state, an institution, the country).
struct national_money {
    int clinics = 0;
    domain::centavos budget = 0;
    domain::ledger_line ledger; // each column summed over the clinics' cuadernillos
    domain::proof_score score;  // over all their works
    int works = 0;
    int delivered = 0; // entregado or verificado
    int verified = 0;  // verificado
    int cancelled = 0;
    int stalled = 0; // domain::is_stalled at the query's threshold

    /// Spent but not proven: ejercido − comprobado.
    domain::centavos unproven() const { return ledger.ejercido - ledger.comprobado; }
    void add(const national_money& other);
};

/// A work that has not moved for the threshold or longer.
struct stalled_work {
    std::int64_t id = 0;
    std::string title;
    domain::work_state state = domain::work_state::planeado;
    int idle_days = 0;
    std::string last_move; // stored UTC time
};

struct national_clinic {
    std::string clues, nombre, entidad, institucion;
    national_money money;
    std::vector<stalled_work> stalled; // longest idle first
};

struct national_group {
    std::string name;
    national_money money;
};

struct national_followup_query {
    std::optional<int> edition; // default: the newest edition with a closed assembly
    std::string institucion;    // exact; empty: every institution
    std::string entidad;        // exact; empty: every state
    int stalled_days = 60;      // domain::min_stalled_days … max_stalled_days
    std::string today;          // "YYYY-MM-DD" in Mexico City
};

struct national_followup {
    int edition = 0;           // 0 when no assembly has closed anywhere yet
    std::vector<int> editions; // with a closed assembly, newest first
    int stalled_days = 0;
    national_money total;
    std::vector<national_group> by_institution; // by name
    std::vector<national_group> by_state;       // by name
    std::vector<national_clinic> clinics;       // by CLUES
    std::vector<national_clinic> by_unproven;   // unproven > 0, most first (then by CLUES)
    std::vector<national_clinic> by_stalled;    // stalled > 0, most first, then longest idle
};

/// Reads the view for `q` in the caller's read transaction.
national_followup read_national_followup(SQLite::Database& db, const national_followup_query& q);

/// Recomputes the total, the groups and the rankings from `clinics` (by CLUES), as
/// read_national_followup does; a merge of several shards' clinics calls it again.
void summarize_followup(national_followup& v);

/// On the day: the assemblies as the coordinator's dashboard counts them
/// (store/national_repo), summed by institution and by state.
struct national_live_counts {
    std::int64_t assemblies = 0;
    std::int64_t in_session = 0;  // en_sesion
    std::int64_t registering = 0; // registro
    std::int64_t closed = 0;      // cerrada
    std::int64_t with_quorum = 0; // in registro or en_sesion with attendance ≥ quorum
    std::int64_t voting = 0;      // a round open now
    std::int64_t attendance = 0;  // active credentials
    std::int64_t ballots = 0;     // counted ballots in the current rounds
};

struct national_live_clinic {
    std::string clues, nombre, entidad, institucion, state;
    std::int64_t attendance = 0;
    int quorum_min = 0;
    bool quorum_met = false;
    bool voting = false;
    std::string round_title;  // the current round, or empty
    std::int64_t ballots = 0; // its counted ballots (a re-vote replaces, never adds)
    std::string updated_at;
};

struct national_live_group {
    std::string name;
    national_live_counts counts;
};

struct national_live {
    national_live_counts total;
    std::vector<national_live_group> by_institution, by_state;
    std::vector<national_live_clinic> clinics; // by CLUES
};

/// Every clinic's current assembly (its newest edition) narrowed to `institucion` and `entidad`
/// (exact; empty: all). Not inside a transaction: the dashboard's read opens its own snapshot
/// for each page of 2,000 assemblies.
national_live read_national_live(SQLite::Database& db, const std::string& institucion,
                                 const std::string& entidad);

/// Recomputes the total and the groups from `clinics`.
void summarize_live(national_live& v);

} // namespace asamblea::app
