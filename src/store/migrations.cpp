#include "store/migrations.hpp"

#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace asamblea::store {
namespace {

// Append only: a released migration is never edited, a change is a new entry.
constexpr std::array migrations = {
    // 1: clinics, staff, tokens, the audit chain, and the assembly skeleton the demo needs.
    R"sql(
CREATE TABLE clinics (
    clues TEXT PRIMARY KEY CHECK (length(clues) = 11),
    nombre TEXT NOT NULL,
    entidad TEXT NOT NULL,
    municipio TEXT NOT NULL,
    institucion TEXT NOT NULL,
    consultorios INTEGER NOT NULL CHECK (consultorios >= 1),
    tipo TEXT NOT NULL,
    presupuesto_centavos INTEGER NOT NULL CHECK (presupuesto_centavos >= 0),
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX clinics_by_entidad ON clinics (entidad, nombre);
CREATE INDEX clinics_by_nombre ON clinics (nombre);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'moderator', 'committee')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE user_clinics (
    user_id INTEGER NOT NULL REFERENCES users (id),
    clues TEXT NOT NULL REFERENCES clinics (clues),
    PRIMARY KEY (user_id, clues)
) WITHOUT ROWID;
CREATE TABLE tokens (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
) WITHOUT ROWID;

CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    clues TEXT,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);

CREATE TABLE assemblies (
    id INTEGER PRIMARY KEY,
    clues TEXT NOT NULL REFERENCES clinics (clues),
    edition INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'convocada'
        CHECK (state IN ('convocada', 'registro', 'en_sesion', 'suspendida', 'cerrada')),
    scheduled_at TEXT,
    quorum_min INTEGER NOT NULL DEFAULT 0 CHECK (quorum_min >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (clues, edition)
);
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL CHECK (category IN ('obra', 'mejoramiento', 'equipamiento', 'mobiliario')),
    cost_centavos INTEGER NOT NULL CHECK (cost_centavos > 0),
    source TEXT NOT NULL CHECK (source IN ('diagnostico', 'asamblea')),
    status TEXT NOT NULL DEFAULT 'pendiente',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX proposals_by_assembly ON proposals (assembly_id);
)sql",
    // 2: assemblies in motion: suspension, speaker time, proposal review, attendees and their
    // credentials (identifier and code only as keyed hashes), and the speakers' queue. Nothing is
    // deleted: revocations, rejections and withdrawals are updates with their time.
    R"sql(
ALTER TABLE assemblies ADD COLUMN resumes_to TEXT
    CHECK (resumes_to IS NULL OR resumes_to IN ('registro', 'en_sesion'));
ALTER TABLE assemblies ADD COLUMN speaker_seconds INTEGER NOT NULL DEFAULT 120
    CHECK (speaker_seconds BETWEEN 15 AND 1800);

ALTER TABLE proposals ADD COLUMN reject_reason TEXT;
ALTER TABLE proposals ADD COLUMN merged_into INTEGER REFERENCES proposals (id);
CREATE TRIGGER proposals_status_on_insert BEFORE INSERT ON proposals
WHEN NEW.status NOT IN ('pendiente', 'aceptada', 'rechazada', 'fusionada')
BEGIN SELECT RAISE(ABORT, 'invalid proposal status'); END;
CREATE TRIGGER proposals_status_on_update BEFORE UPDATE OF status ON proposals
WHEN NEW.status NOT IN ('pendiente', 'aceptada', 'rechazada', 'fusionada')
BEGIN SELECT RAISE(ABORT, 'invalid proposal status'); END;

CREATE TABLE attendees (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id),
    nombre TEXT NOT NULL,
    search_text TEXT NOT NULL,
    identifier_hash TEXT NOT NULL,
    sexo TEXT NOT NULL CHECK (sexo IN ('mujer', 'hombre', 'otro')),
    adult_confirmed INTEGER NOT NULL CHECK (adult_confirmed = 1),
    registered_by INTEGER REFERENCES users (id),
    registered_at TEXT NOT NULL,
    UNIQUE (assembly_id, identifier_hash)
);

CREATE TABLE credentials (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id),
    attendee_id INTEGER NOT NULL REFERENCES attendees (id),
    code_hash TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'activa' CHECK (status IN ('activa', 'revocada')),
    issued_at TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((status = 'revocada') = (revoked_at IS NOT NULL)),
    UNIQUE (assembly_id, code_hash)
);
CREATE UNIQUE INDEX credentials_one_active ON credentials (attendee_id) WHERE status = 'activa';

CREATE TABLE floor_requests (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id),
    attendee_id INTEGER NOT NULL REFERENCES attendees (id),
    status TEXT NOT NULL DEFAULT 'esperando'
        CHECK (status IN ('esperando', 'hablando', 'atendida', 'retirada')),
    requested_at TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT
);
CREATE UNIQUE INDEX floor_one_open_per_attendee ON floor_requests (attendee_id)
    WHERE status IN ('esperando', 'hablando');
CREATE UNIQUE INDEX floor_one_speaker ON floor_requests (assembly_id) WHERE status = 'hablando';
CREATE INDEX floor_by_assembly ON floor_requests (assembly_id, status, id);
)sql",
    // 3: voting rounds and their ballots. A ballot names its voter only by a keyed tag (never the
    // credential or the person), so re-voting can replace it while results stay unlinkable.
    R"sql(
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id),
    kind TEXT NOT NULL CHECK (kind IN ('budget', 'motion', 'election')),
    title TEXT NOT NULL,
    spec TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'preparada' CHECK (status IN ('preparada', 'abierta', 'cerrada')),
    live_results INTEGER NOT NULL DEFAULT 0,
    opened_at TEXT,
    closes_at TEXT,
    closed_at TEXT,
    revealed_at TEXT,
    result TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX rounds_by_assembly ON rounds (assembly_id, id);
CREATE UNIQUE INDEX rounds_one_open ON rounds (assembly_id) WHERE status = 'abierta';

CREATE TABLE ballots (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    voter_tag TEXT NOT NULL,
    ballot_uid TEXT NOT NULL,
    choices TEXT NOT NULL,
    receipt TEXT NOT NULL,
    cast_at TEXT NOT NULL,
    replaced_at TEXT,
    UNIQUE (round_id, voter_tag, ballot_uid),
    UNIQUE (round_id, receipt)
);
CREATE UNIQUE INDEX ballots_one_counted ON ballots (round_id, voter_tag) WHERE replaced_at IS NULL;
)sql",
    // 4: the COSABI. Nominations of attendees for a role (withdrawn, never deleted); the elected
    // committee of a clinic per term (year), replaced by voiding; one-time invitation codes (keyed
    // hashes only) that let a member create a committee login.
    R"sql(
CREATE TABLE nominations (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id),
    attendee_id INTEGER NOT NULL REFERENCES attendees (id),
    role TEXT NOT NULL CHECK (role IN ('presidencia', 'secretaria_tecnica', 'tesoreria',
                                       'aval_ciudadano', 'vocalia')),
    nominated_by TEXT NOT NULL CHECK (nominated_by IN ('self', 'moderator')),
    nominated_by_user INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_by TEXT CHECK (withdrawn_by IS NULL OR withdrawn_by IN ('self', 'moderator')),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE UNIQUE INDEX nominations_one_active ON nominations (assembly_id, attendee_id, role)
    WHERE withdrawn_at IS NULL;
CREATE INDEX nominations_by_assembly ON nominations (assembly_id, role, id);

CREATE TABLE committee_members (
    id INTEGER PRIMARY KEY,
    clues TEXT NOT NULL REFERENCES clinics (clues),
    term INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('presidencia', 'secretaria_tecnica', 'tesoreria',
                                       'aval_ciudadano', 'vocalia')),
    seat INTEGER NOT NULL CHECK (seat BETWEEN 1 AND 5),
    nombre TEXT NOT NULL,
    sexo TEXT NOT NULL DEFAULT '',
    attendee_id INTEGER REFERENCES attendees (id),
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    source TEXT NOT NULL CHECK (source IN ('eleccion', 'ratificacion')),
    ratified_from INTEGER REFERENCES committee_members (id),
    user_id INTEGER REFERENCES users (id),
    elected_at TEXT NOT NULL,
    voided_at TEXT
);
CREATE UNIQUE INDEX committee_one_per_seat ON committee_members (clues, term, role, seat)
    WHERE voided_at IS NULL;
CREATE INDEX committee_by_clinic ON committee_members (clues, term, role, seat);

CREATE TABLE committee_invitations (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES committee_members (id),
    clues TEXT NOT NULL REFERENCES clinics (clues),
    code_hash TEXT NOT NULL UNIQUE,
    issued_by INTEGER REFERENCES users (id),
    issued_at TEXT NOT NULL,
    voided_at TEXT,
    claimed_at TEXT,
    user_id INTEGER REFERENCES users (id),
    CHECK (voided_at IS NULL OR claimed_at IS NULL),
    CHECK ((claimed_at IS NULL) = (user_id IS NULL))
);
CREATE UNIQUE INDEX invitations_one_open ON committee_invitations (member_id)
    WHERE voided_at IS NULL AND claimed_at IS NULL;
)sql",
    // 5: a prepared round set up by mistake can be cancelled (voided, never deleted). The rounds'
    // status CHECK predates it and rebuilding the table would mean dropping what ballots and
    // committee members reference, so a cancelled round keeps status 'preparada' and carries the
    // time it was voided; the CHECK keeps it from ever opening.
    R"sql(
ALTER TABLE rounds ADD COLUMN cancelled_at TEXT
    CHECK (cancelled_at IS NULL OR status = 'preparada');
)sql",
    // 6: COSABI invitation codes expire (the time is fixed when the code is issued; codes issued
    // before this migration get the 7 days of domain::invitation_lifetime from their issue), and a
    // login can be disabled (a replaced committee member's): a disabled user cannot log in and
    // its tokens stop working.
    R"sql(
ALTER TABLE committee_invitations ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
UPDATE committee_invitations SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', issued_at, '+7 days');
ALTER TABLE users ADD COLUMN disabled_at TEXT;
)sql",
    // 7: the national dashboard counts every assembly's active credentials on each refresh
    // (97,500 on the Saturday); the unique (assembly_id, code_hash) index alone would read each
    // credential's row to check its status, this one answers from the index.
    R"sql(
CREATE INDEX credentials_active_by_assembly ON credentials (assembly_id) WHERE status = 'activa';
)sql",
    // 8: one audit chain per clinic (and one for events of no clinic), so a clinic's chain can be
    // published and checked alone: chain_seq is an event's position in its clinic's chain and
    // prev_hash links to the clinic's previous event. Events stored before keep chain_seq NULL
    // and stay one global chain, verified as before. Ballots of rounds closed before this
    // schema were tagged with the deployment's key and credential ids, which anyone holding
    // secret.key could recompute: their tags are replaced by random ones (a closed round never
    // needs them again; new ballots use a per-assembly key destroyed at the close).
    R"sql(
ALTER TABLE audit_events ADD COLUMN chain_seq INTEGER;
CREATE UNIQUE INDEX audit_chain_position ON audit_events (coalesce(clues, ''), chain_seq)
    WHERE chain_seq IS NOT NULL;
UPDATE ballots SET voter_tag = lower(hex(randomblob(16)))
    WHERE round_id IN (SELECT id FROM rounds WHERE status = 'cerrada');
)sql",
    // 9: the follow-up (seguimiento) of the COSABI: work items (a selected proposal, or a
    // coordinator's addition with its reason), their timeline of moves, quotes, expenses (each with
    // its CFDI), evidence (files by sha256, stored before any row points at them), the members'
    // confirmations, notes, and each edition's deadline. Nothing is deleted: quotes, expenses and
    // evidence are voided. A CFDI's UUID is live once in the whole database: the partial unique
    // index refuses an invoice already used anywhere, and voiding the expense frees it.
    R"sql(
CREATE TABLE work_items (
    id INTEGER PRIMARY KEY,
    clues TEXT NOT NULL REFERENCES clinics (clues),
    edition INTEGER NOT NULL,
    assembly_id INTEGER REFERENCES assemblies (id),
    proposal_id INTEGER REFERENCES proposals (id),
    round_id INTEGER REFERENCES rounds (id),
    title TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('obra', 'mejoramiento', 'equipamiento', 'mobiliario')),
    approved_centavos INTEGER NOT NULL CHECK (approved_centavos > 0),
    quantity INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    state TEXT NOT NULL DEFAULT 'planeado'
        CHECK (state IN ('planeado', 'cotizando', 'contratado', 'en_ejecucion', 'entregado',
                         'verificado', 'detenido', 'cancelado')),
    resumes_to TEXT CHECK (resumes_to IS NULL OR resumes_to IN ('planeado', 'cotizando',
                           'contratado', 'en_ejecucion', 'entregado')),
    quote_exception TEXT,
    chosen_quote_id INTEGER REFERENCES quotes (id),
    chosen_reason TEXT,
    origin TEXT NOT NULL CHECK (origin IN ('votacion', 'coordinacion')),
    origin_reason TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users (id),
    brand TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    serials TEXT NOT NULL DEFAULT '[]',
    inventory_tags TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX work_items_one_per_proposal ON work_items (proposal_id)
    WHERE proposal_id IS NOT NULL;
CREATE INDEX work_items_by_clinic ON work_items (clues, edition, id);

CREATE TABLE work_moves (
    id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES work_items (id),
    from_state TEXT NOT NULL CHECK (from_state IN ('planeado', 'cotizando', 'contratado',
                                    'en_ejecucion', 'entregado', 'verificado', 'detenido')),
    to_state TEXT NOT NULL CHECK (to_state IN ('planeado', 'cotizando', 'contratado',
                                  'en_ejecucion', 'entregado', 'verificado', 'detenido',
                                  'cancelado')),
    reason TEXT NOT NULL DEFAULT '',
    user_id INTEGER REFERENCES users (id),
    member_id INTEGER REFERENCES committee_members (id),
    at TEXT NOT NULL
);
CREATE INDEX work_moves_by_work ON work_moves (work_id, id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES work_items (id),
    supplier TEXT NOT NULL,
    rfc TEXT NOT NULL,
    rfc_digit_ok INTEGER NOT NULL CHECK (rfc_digit_ok IN (0, 1)),
    amount_centavos INTEGER NOT NULL CHECK (amount_centavos > 0),
    quoted_on TEXT NOT NULL,
    valid_until TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE UNIQUE INDEX quotes_one_live_per_rfc ON quotes (work_id, rfc) WHERE voided_at IS NULL;
CREATE INDEX quotes_by_work ON quotes (work_id, id);

CREATE TABLE expenses (
    id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES work_items (id),
    clues TEXT NOT NULL REFERENCES clinics (clues),
    amount_centavos INTEGER NOT NULL CHECK (amount_centavos > 0),
    cfdi_uuid TEXT NOT NULL CHECK (cfdi_uuid = upper(cfdi_uuid) AND length(cfdi_uuid) = 36),
    emisor_rfc TEXT NOT NULL,
    emisor_nombre TEXT NOT NULL,
    fecha TEXT NOT NULL,
    xml_sha256 TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    payment_sha256 TEXT,
    recorded_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE UNIQUE INDEX expenses_one_live_uuid ON expenses (cfdi_uuid) WHERE voided_at IS NULL;
CREATE INDEX expenses_by_work ON expenses (work_id, id);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES work_items (id),
    kind TEXT NOT NULL CHECK (kind IN ('foto_antes', 'foto_durante', 'foto_despues',
                                       'entrega_recepcion', 'contrato', 'documento')),
    file_sha256 TEXT NOT NULL,
    mime TEXT NOT NULL,
    size_bytes INTEGER CHECK (size_bytes IS NULL OR size_bytes >= 0),
    taken_at TEXT,
    latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    note TEXT NOT NULL DEFAULT '',
    uploaded_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE INDEX evidence_by_work ON evidence (work_id, id);
CREATE INDEX evidence_by_file ON evidence (file_sha256);

CREATE TABLE work_confirmations (
    id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES work_items (id),
    member_id INTEGER NOT NULL REFERENCES committee_members (id),
    role TEXT NOT NULL CHECK (role IN ('presidencia', 'secretaria_tecnica', 'tesoreria',
                                       'aval_ciudadano', 'vocalia')),
    user_id INTEGER REFERENCES users (id),
    at TEXT NOT NULL,
    UNIQUE (work_id, member_id)
);

CREATE TABLE work_notes (
    id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES work_items (id),
    text TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    at TEXT NOT NULL
);
CREATE INDEX work_notes_by_work ON work_notes (work_id, id);

CREATE TABLE edition_deadlines (
    edition INTEGER PRIMARY KEY,
    deadline TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    set_by INTEGER REFERENCES users (id),
    set_at TEXT NOT NULL
);
)sql",
    // 10: incidents the moderator notes while an assembly runs (printed in its acta). Never
    // deleted or edited: a correction is another incident.
    R"sql(
CREATE TABLE assembly_incidents (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id),
    text TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    at TEXT NOT NULL
);
CREATE INDEX incidents_by_assembly ON assembly_incidents (assembly_id, id);
)sql",
    // 11: red flags for auditors: each edition's thresholds (the domain's defaults while none are
    // set) and the coordinators' reviews, one per flag key (reviewing again replaces the note; the
    // audit chain keeps the history).
    R"sql(
CREATE TABLE red_flag_thresholds (
    edition INTEGER PRIMARY KEY,
    quote_gap_percent INTEGER NOT NULL,
    supplier_min_clinics INTEGER NOT NULL,
    supplier_share_percent INTEGER NOT NULL,
    ring_min_works INTEGER NOT NULL,
    outlier_multiple INTEGER NOT NULL,
    unproven_days INTEGER NOT NULL,
    set_by INTEGER REFERENCES users (id),
    set_at TEXT NOT NULL
);

CREATE TABLE red_flag_reviews (
    edition INTEGER NOT NULL,
    flag_key TEXT NOT NULL,
    note TEXT NOT NULL,
    reviewed_by INTEGER REFERENCES users (id),
    reviewed_at TEXT NOT NULL,
    PRIMARY KEY (edition, flag_key)
);
)sql",
    // 12: moving a clinic with its data to another shard (`asamblea clinic-export` and
    // `clinic-import`). Each move is recorded on both sides: 'out' on the source, from the moment
    // the export starts ('exporting') until its bundle is whole ('done'), and 'in' on the target.
    // A clinic moved out keeps its rows as a frozen archive: the trigger refuses any further event
    // of its chain but the move's own, so no command can change it (every change is audited).
    R"sql(
CREATE TABLE clinic_moves (
    id INTEGER PRIMARY KEY,
    clues TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    shard TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('exporting', 'done')),
    bundle_digest TEXT NOT NULL DEFAULT '',
    manifest TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    done_at TEXT
);
CREATE UNIQUE INDEX clinic_moves_one_out ON clinic_moves (clues) WHERE direction = 'out';
CREATE UNIQUE INDEX clinic_moves_one_in ON clinic_moves (clues) WHERE direction = 'in';
CREATE TRIGGER audit_events_frozen_clinic BEFORE INSERT ON audit_events
WHEN NEW.clues IS NOT NULL AND NEW.type <> 'clinic.moved_out'
     AND EXISTS (SELECT 1 FROM clinic_moves WHERE clues = NEW.clues AND direction = 'out')
BEGIN SELECT RAISE(ABORT, 'clinic moved to another shard'); END;
)sql",
    // 13: one login for a fleet (docs/architecture.md «One login for the fleet»): every token
    // revoked on this shard (a logout, a disabled login, a changed account), by the sha256 of the
    // token, kept until the token would have expired, so the other shards can pull them by seq
    // (AUTOINCREMENT: a pruned seq is never given again, or a peer's cursor would skip a row).
    R"sql(
CREATE TABLE token_revocations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash BLOB NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT NOT NULL
);
CREATE INDEX token_revocations_by_expiry ON token_revocations (expires_at);
)sql",
    // 14: the audit table without the UNIQUE index on `hash`. Every ballot appends an event, and
    // a random 64-character key put each one on its own page of that index: a sixth of the
    // writer's work and of the log it writes (issue 19). It guarded nothing: a hash covers its
    // event and the one before it, and `asamblea verify` checks every link. SQLite cannot drop
    // a column's constraint, so the table is rebuilt with the same columns, rows and seq; its
    // chain index and the frozen-clinic trigger (migration 12) are made again. The upgrade copies
    // the table once: a million events (361 MB) took 5.5 s on the bench machine.
    R"sql(
CREATE TABLE audit_events_rebuilt (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    clues TEXT,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    chain_seq INTEGER
);
INSERT INTO audit_events_rebuilt (seq, at, type, clues, payload, prev_hash, hash, chain_seq)
    SELECT seq, at, type, clues, payload, prev_hash, hash, chain_seq FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_rebuilt RENAME TO audit_events;
CREATE UNIQUE INDEX audit_chain_position ON audit_events (coalesce(clues, ''), chain_seq)
    WHERE chain_seq IS NOT NULL;
CREATE TRIGGER audit_events_frozen_clinic BEFORE INSERT ON audit_events
WHEN NEW.clues IS NOT NULL AND NEW.type <> 'clinic.moved_out'
     AND EXISTS (SELECT 1 FROM clinic_moves WHERE clues = NEW.clues AND direction = 'out')
BEGIN SELECT RAISE(ABORT, 'clinic moved to another shard'); END;
)sql",
    // 15: one counted ballot per person and round is kept by triggers instead of the partial
    // UNIQUE index `ballots_one_counted`. Voter tags are random keys, so that index put every
    // ballot on a page of its own in each commit's log, like the audit hash before schema 14; the
    // triggers look the person up in the (round, voter tag, ballot uid) index, whose page the
    // insert writes anyway. CPU of a ballot's rows at a national Saturday's pace (108 open rounds,
    // 12 ballots a commit, synchronous=FULL): 57 -> 46 us. Every query that read the partial
    // index has the round's other indexes.
    R"sql(
DROP INDEX ballots_one_counted;
CREATE TRIGGER ballots_one_counted BEFORE INSERT ON ballots
WHEN NEW.replaced_at IS NULL
     AND EXISTS (SELECT 1 FROM ballots WHERE round_id = NEW.round_id
                 AND voter_tag = NEW.voter_tag AND replaced_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'one counted ballot per person and round'); END;
CREATE TRIGGER ballots_one_counted_update BEFORE UPDATE OF round_id, voter_tag, replaced_at
ON ballots
WHEN NEW.replaced_at IS NULL
     AND EXISTS (SELECT 1 FROM ballots WHERE round_id = NEW.round_id
                 AND voter_tag = NEW.voter_tag AND replaced_at IS NULL AND id <> NEW.id)
BEGIN SELECT RAISE(ABORT, 'one counted ballot per person and round'); END;
)sql",
};

} // namespace

int latest_schema_version() {
    return static_cast<int>(migrations.size());
}

int migrate(SQLite::Database& db) {
    return migrate(db, latest_schema_version());
}

int migrate(SQLite::Database& db, int target) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > latest_schema_version())
        throw std::runtime_error("database schema version " + std::to_string(version) +
                                 " is newer than this build (" +
                                 std::to_string(latest_schema_version()) + ")");
    target = std::min(target, latest_schema_version());
    for (int v = version; v < target; ++v) {
        db.exec(migrations[static_cast<std::size_t>(v)]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    }
    tx.commit();
    return std::max(version, target);
}

} // namespace asamblea::store
