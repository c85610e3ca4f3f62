// The follow-up's repositories write what they are told and the schema keeps what must never
// happen out: another clinic's rows are not found, a CFDI's UUID is live once in the whole
// database (voiding frees it), a supplier's RFC once per work item, a member confirms once.
#include "store/assembly_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/confirmation_repo.hpp"
#include "store/deadline_repo.hpp"
#include "store/evidence_repo.hpp"
#include "store/expense_repo.hpp"
#include "store/member_repo.hpp"
#include "store/migrations.hpp"
#include "store/quote_repo.hpp"
#include "store/round_repo.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"
#include "store/work_item_repo.hpp"
#include "store/work_move_repo.hpp"
#include "store/work_note_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_repos_test {

namespace {

constexpr const char* clues = "CSIMB000001";
constexpr const char* other = "CSIMB000002";
const std::string uuid = "CEE4BE01-ADFA-4DEB-8421-ADD60F0BEDAC";

struct followup_store {
    test_dir dir;
    store::store s{dir.str()};
    std::int64_t user_id = 0, member_id = 0;

    followup_store() {
        REQUIRE(s.writer().run([&](write_context& w) -> domain::status {
            upsert_clinics(w, {domain::clinic{clues, "Centro", "Chiapas", "Ocosingo",
                                              "IMSS-BIENESTAR", 2, "UMF", 60000000},
                               domain::clinic{other, "Otro", "Chiapas", "Ocosingo",
                                              "IMSS-BIENESTAR", 1, "UMF", 40000000}});
            auto user = save_user(w, "tesorera", "x", domain::role::committee, {clues}, false);
            if (!user)
                return std::unexpected(user.error());
            user_id = *user;
            return {};
        }));
    }

    template <class F> auto write(F f) {
        decltype(f(std::declval<write_context&>())) out{};
        auto ok = s.writer().run([&](write_context& w) -> domain::status {
            out = f(w);
            return {};
        });
        REQUIRE(ok);
        return out;
    }

    /// Runs `f` in a write and tells whether the database refused it.
    template <class F> bool refused(F f) {
        try {
            auto ok = s.writer().run([&](write_context& w) -> domain::status {
                f(w);
                return {};
            });
            return !ok;
        } catch (const std::exception&) {
            return true;
        }
    }

    std::int64_t work(const std::string& at_clues, std::int64_t approved = 100000) {
        return write([&](write_context& w) {
            work_item_row row;
            row.clues = at_clues;
            row.edition = 2026;
            row.item.title = "Techo";
            row.item.category = domain::category::equipamiento;
            row.item.approved = approved;
            row.item.quantity = 2;
            row.origin = "coordinacion";
            row.origin_reason = "Urgente";
            row.created_by = user_id;
            return insert_work_item(w, row);
        });
    }

    expense_row expense(std::int64_t work_id, const std::string& id) {
        expense_row e;
        e.work_id = work_id;
        e.clues = clues;
        e.amount = 232000;
        e.cfdi_uuid = id;
        e.emisor_rfc = "EKU9003173C9";
        e.emisor_nombre = "ESCUELA KEMPER URGATE";
        e.fecha = "2023-06-02T12:00:00";
        e.xml_sha256 = std::string(64, 'a');
        e.pdf_sha256 = std::string(64, 'b');
        e.recorded_by = user_id;
        return e;
    }

    SQLite::Database& db() {
        lease_.emplace(s.readers().acquire());
        return **lease_;
    }

private:
    std::optional<read_pool::lease> lease_;
};

} // namespace

TEST_CASE("schema 9 holds the follow-up") {
    CHECK(latest_schema_version() >= 9);
    followup_store fs;
    for (auto table : {"work_items", "work_moves", "quotes", "expenses", "evidence",
                       "work_confirmations", "work_notes", "edition_deadlines"})
        CHECK(fs.db()
                  .execAndGet(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") +
                              table + "'")
                  .getInt() == 1);
}

TEST_CASE("a work item is stored with its typed fields and found only in its clinic") {
    followup_store fs;
    auto id = fs.work(clues);
    auto row = find_work_item(fs.db(), clues, id);
    REQUIRE(row);
    CHECK(row->item.title == "Techo");
    CHECK(row->item.category == domain::category::equipamiento);
    CHECK(row->item.state == domain::work_state::planeado);
    CHECK(row->item.quantity == 2);
    CHECK(row->item.proposal_id == 0);
    CHECK_FALSE(row->assembly_id);
    CHECK(row->origin == "coordinacion");
    CHECK(row->created_by == fs.user_id);
    CHECK(row->serials.empty());
    CHECK_FALSE(find_work_item(fs.db(), other, id));
    CHECK(list_work_items(fs.db(), clues, 2026).size() == 1);
    CHECK(list_work_items(fs.db(), clues, 2025).empty());
    CHECK(work_editions(fs.db(), clues) == std::vector<int>{2026});

    // A state change happens only from the state the caller saw.
    domain::work_item after = row->item;
    after.state = domain::work_state::detenido;
    after.resumes_to = domain::work_state::planeado;
    CHECK(fs.write([&](write_context& w) {
        return update_work_state(w, id, domain::work_state::planeado, after);
    }));
    CHECK_FALSE(fs.write([&](write_context& w) {
        return update_work_state(w, id, domain::work_state::planeado, after);
    }));
    row = find_work_item(fs.db(), clues, id);
    CHECK(row->item.state == domain::work_state::detenido);
    CHECK(row->item.resumes_to == domain::work_state::planeado);

    fs.write([&](write_context& w) {
        set_equipment(w, id, "Marca", "M-1", {"S1", "S\"2"}, {"INV-1"});
        set_quote_exception(w, id, "Solo hay un proveedor en la región");
        return 0;
    });
    row = find_work_item(fs.db(), clues, id);
    CHECK(row->serials == std::vector<std::string>{"S1", "S\"2"});
    CHECK(row->inventory_tags == std::vector<std::string>{"INV-1"});
    CHECK(row->brand == "Marca");
    CHECK(row->quote_exception == "Solo hay un proveedor en la región");

    // The schema refuses what no rule allows.
    CHECK(fs.refused([&](write_context& w) {
        w.db().exec("UPDATE work_items SET state = 'terminado' WHERE id = " + std::to_string(id));
    }));
    CHECK(fs.refused([&](write_context& w) {
        w.db().exec("UPDATE work_items SET approved_centavos = 0 WHERE id = " + std::to_string(id));
    }));
}

TEST_CASE("moves and notes make the timeline, oldest first") {
    followup_store fs;
    auto id = fs.work(clues);
    fs.write([&](write_context& w) {
        insert_work_move(w, {0,
                             id,
                             domain::work_state::planeado,
                             domain::work_state::cotizando,
                             "",
                             fs.user_id,
                             0,
                             "",
                             {}});
        insert_work_move(w, {0,
                             id,
                             domain::work_state::cotizando,
                             domain::work_state::cancelado,
                             "Sin proveedor",
                             0,
                             0,
                             "",
                             {}});
        insert_work_note(w, id, "Primera visita", fs.user_id);
        return 0;
    });
    auto moves = list_work_moves(fs.db(), id);
    REQUIRE(moves.size() == 2);
    CHECK(moves[0].to == domain::work_state::cotizando);
    CHECK(moves[0].user_id == fs.user_id);
    CHECK(moves[1].from == domain::work_state::cotizando);
    CHECK(moves[1].reason == "Sin proveedor");
    CHECK(moves[1].user_id == 0);
    auto notes = list_work_notes(fs.db(), id);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].text == "Primera visita");
}

TEST_CASE("a live quote's RFC is unique in its work item; voiding frees it") {
    followup_store fs;
    auto id = fs.work(clues);
    quote_row q;
    q.work_id = id;
    q.q.supplier = "Proveedor";
    q.q.rfc = "EKU9003173C9";
    q.q.amount = 90000;
    q.q.date = "2026-03-01";
    q.file_sha256 = std::string(64, 'c');
    auto first = fs.write([&](write_context& w) { return insert_quote(w, q); });
    CHECK(fs.refused([&](write_context& w) { insert_quote(w, q); }));
    CHECK(fs.write([&](write_context& w) { return void_quote(w, first, "Error de captura"); }));
    CHECK_FALSE(fs.write([&](write_context& w) { return void_quote(w, first, "Otra vez"); }));
    auto second = fs.write([&](write_context& w) { return insert_quote(w, q); });
    auto quotes = list_quotes(fs.db(), id);
    REQUIRE(quotes.size() == 2);
    CHECK(quotes[0].q.voided);
    CHECK(quotes[0].void_reason == "Error de captura");
    CHECK_FALSE(quotes[1].q.voided);
    CHECK(domain::live_quotes(to_quotes(quotes)) == 1);
    CHECK(find_quote(fs.db(), clues, second));
    CHECK_FALSE(find_quote(fs.db(), other, second));
}

TEST_CASE("a CFDI UUID is live once in the whole database; a voided expense frees it") {
    followup_store fs;
    auto mine = fs.work(clues);
    auto theirs = fs.work(other);
    auto first =
        fs.write([&](write_context& w) { return insert_expense(w, fs.expense(mine, uuid)); });
    auto elsewhere = fs.expense(theirs, uuid);
    elsewhere.clues = other;
    CHECK(fs.refused([&](write_context& w) { insert_expense(w, elsewhere); }));
    auto used = find_live_expense_by_uuid(fs.db(), uuid);
    REQUIRE(used);
    CHECK(used->id == first);
    CHECK(used->clues == clues);
    // Only upper case is stored.
    CHECK(fs.refused([&](write_context& w) {
        insert_expense(w, fs.expense(mine, "cee4be01-adfa-4deb-8421-add60f0bedac"));
    }));

    CHECK(fs.write([&](write_context& w) { return void_expense(w, first, "Factura cancelada"); }));
    CHECK_FALSE(find_live_expense_by_uuid(fs.db(), uuid));
    auto again = fs.write([&](write_context& w) { return insert_expense(w, elsewhere); });
    CHECK(find_live_expense_by_uuid(fs.db(), uuid)->id == again);
    auto rows = list_expenses(fs.db(), mine);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].void_reason == "Factura cancelada");
    CHECK(rows[0].payment_sha256.empty());
    CHECK(find_expense(fs.db(), other, again));
    CHECK_FALSE(find_expense(fs.db(), clues, again));
}

TEST_CASE("evidence, confirmations and deadlines") {
    followup_store fs;
    auto id = fs.work(clues);
    evidence_row e;
    e.work_id = id;
    e.kind = domain::evidence_kind::foto_antes;
    e.file_sha256 = std::string(64, 'd');
    e.mime = "image/jpeg";
    e.latitude = 16.9;
    e.longitude = -92.1;
    e.uploaded_by = fs.user_id;
    fs.write([&](write_context& w) { return insert_evidence(w, e); });
    auto rows = list_evidence(fs.db(), id);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].kind == domain::evidence_kind::foto_antes);
    CHECK(rows[0].latitude == doctest::Approx(16.9));
    CHECK_FALSE(rows[0].taken_at);
    CHECK_FALSE(rows[0].size_bytes);
    e.latitude = 91;
    CHECK(fs.refused([&](write_context& w) { insert_evidence(w, e); }));

    // A member (hung on a round of an assembly) confirms a work item once.
    fs.member_id = fs.write([&](write_context& w) {
        auto a = create_assembly(w, clues, 2026, "2026-02-21T17:00:00.000Z", 0);
        auto spec = domain::make_round_spec(domain::make_ratification("", 2025));
        auto round = create_round(w, a, clues, *spec);
        return insert_member(w, {clues, 2026, round, "eleccion"},
                             {"tesoreria", 1, "Ana", "mujer", 0, 0, fs.user_id});
    });
    confirmation_row c{0, id, fs.member_id, domain::committee_role::tesoreria, fs.user_id, ""};
    fs.write([&](write_context& w) { return insert_confirmation(w, c); });
    CHECK(fs.refused([&](write_context& w) { insert_confirmation(w, c); }));
    auto confirmations = list_confirmations(fs.db(), id);
    REQUIRE(confirmations.size() == 1);
    CHECK(confirmations[0].role == domain::committee_role::tesoreria);

    CHECK_FALSE(find_deadline(fs.db(), 2026));
    fs.write([&](write_context& w) {
        upsert_deadline(w, 2026, "2026-11-30", fs.user_id);
        upsert_deadline(w, 2026, "2026-12-15", fs.user_id);
        return 0;
    });
    auto d = find_deadline(fs.db(), 2026);
    REQUIRE(d);
    CHECK(d->deadline == "2026-12-15");
    CHECK(fs.refused([&](write_context& w) { upsert_deadline(w, 2027, "30/11/2027", 0); }));
}

TEST_CASE("the live evidence kinds of a file, in its clinic only") {
    followup_store fs;
    auto id = fs.work(clues);
    auto elsewhere = fs.work(other);
    const std::string photo(64, 'e'), document(64, 'f');
    auto add = [&](std::int64_t work, domain::evidence_kind kind, const std::string& sha) {
        evidence_row e;
        e.work_id = work;
        e.kind = kind;
        e.file_sha256 = sha;
        e.mime = "image/jpeg";
        e.uploaded_by = fs.user_id;
        return fs.write([&](write_context& w) { return insert_evidence(w, e); });
    };
    using domain::evidence_kind;
    auto before = add(id, evidence_kind::foto_antes, photo);
    add(id, evidence_kind::foto_despues, photo);
    add(id, evidence_kind::foto_despues, photo); // the same kind twice is named once
    add(id, evidence_kind::contrato, document);
    add(elsewhere, evidence_kind::foto_durante, document);

    CHECK(live_evidence_kinds(fs.db(), clues, photo) ==
          std::vector{evidence_kind::foto_antes, evidence_kind::foto_despues});
    CHECK(live_evidence_kinds(fs.db(), clues, document) == std::vector{evidence_kind::contrato});
    CHECK(live_evidence_kinds(fs.db(), other, document) ==
          std::vector{evidence_kind::foto_durante});
    CHECK(live_evidence_kinds(fs.db(), other, photo).empty());
    CHECK(live_evidence_kinds(fs.db(), clues, std::string(64, '0')).empty());

    // Voided evidence is on record, but no longer shown.
    fs.write([&](write_context& w) { return void_evidence(w, before, "Foto equivocada"); });
    CHECK(live_evidence_kinds(fs.db(), clues, photo) == std::vector{evidence_kind::foto_despues});
}

} // namespace followup_repos_test
