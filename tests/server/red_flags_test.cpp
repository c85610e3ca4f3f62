// The red flags over the wire (issue 15, item 3): a seeded edition with one clinic per flag (the
// supplier winning everywhere and the repeated photo need several clinics) and a clean clinic;
// each flag for exactly its clinics with its evidence; the thresholds change the result; a
// coordinator's review is stored, audited and shown; everyone else is refused.
#include "assembly_helpers.hpp"
#include "store/clinic_repo.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <set>

// GCC 12 warns about the members a designated initializer leaves out on purpose (GCC 13 no
// longer does); the work specs below name only what differs from a clean work.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace red_flags_test {

using asamblea::store::write_context;
using nlohmann::json;

namespace {

std::int64_t insert_work(write_context& w, const std::string& clues, const std::string& title,
                         const std::string& category, int quantity, const std::string& state) {
    SQLite::Statement q(w.db(), "INSERT INTO work_items (clues, edition, title, category, "
                                "approved_centavos, quantity, state, origin, created_at, "
                                "updated_at) VALUES (?, 2026, ?, ?, 100000000, ?, ?, "
                                "'coordinacion', ?, ?)");
    q.bind(1, clues);
    q.bind(2, title);
    q.bind(3, category);
    q.bind(4, quantity);
    q.bind(5, state);
    q.bind(6, w.now());
    q.bind(7, w.now());
    q.exec();
    return w.db().getLastInsertRowid();
}

std::int64_t insert_quote(write_context& w, std::int64_t work, const std::string& rfc,
                          std::int64_t amount) {
    SQLite::Statement q(w.db(), "INSERT INTO quotes (work_id, supplier, rfc, rfc_digit_ok, "
                                "amount_centavos, quoted_on, file_sha256, created_at) VALUES "
                                "(?, ?, ?, 1, ?, '2026-03-05', ?, ?)");
    q.bind(1, static_cast<int64_t>(work));
    q.bind(2, "Proveedor " + rfc);
    q.bind(3, rfc);
    q.bind(4, static_cast<int64_t>(amount));
    q.bind(5, std::string(64, 'f'));
    q.bind(6, w.now());
    q.exec();
    return w.db().getLastInsertRowid();
}

void choose(write_context& w, std::int64_t work, std::int64_t quote, const std::string& reason) {
    SQLite::Statement q(
        w.db(), "UPDATE work_items SET chosen_quote_id = ?, chosen_reason = ? WHERE id = ?");
    q.bind(1, static_cast<int64_t>(quote));
    q.bind(2, reason);
    q.bind(3, static_cast<int64_t>(work));
    q.exec();
}

void insert_expense(write_context& w, std::int64_t work, const std::string& clues,
                    const std::string& uuid, const std::string& rfc, std::int64_t amount,
                    const std::string& fecha, bool voided = false) {
    SQLite::Statement q(w.db(), "INSERT INTO expenses (work_id, clues, amount_centavos, "
                                "cfdi_uuid, emisor_rfc, emisor_nombre, fecha, xml_sha256, "
                                "pdf_sha256, created_at, voided_at, void_reason) VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, 'x', 'p', ?, ?, ?)");
    q.bind(1, static_cast<int64_t>(work));
    q.bind(2, clues);
    q.bind(3, static_cast<int64_t>(amount));
    q.bind(4, uuid);
    q.bind(5, rfc);
    q.bind(6, "Proveedor " + rfc);
    q.bind(7, fecha);
    q.bind(8, w.now());
    if (voided) {
        q.bind(9, w.now());
        q.bind(10, "Factura con error");
    }
    q.exec();
}

void insert_evidence(write_context& w, std::int64_t work, const std::string& kind,
                     const std::string& sha) {
    SQLite::Statement q(w.db(), "INSERT INTO evidence (work_id, kind, file_sha256, mime, "
                                "created_at) VALUES (?, ?, ?, 'image/jpeg', ?)");
    q.bind(1, static_cast<int64_t>(work));
    q.bind(2, kind);
    q.bind(3, sha);
    q.bind(4, w.now());
    q.exec();
}

// A made-up sha256: the tag's bytes in hex, padded.
std::string sha_of(const std::string& tag) {
    std::string s;
    for (unsigned char ch : tag) {
        s += "0123456789abcdef"[ch / 16];
        s += "0123456789abcdef"[ch % 16];
    }
    return s + std::string(64 - s.size(), '0');
}

std::string uuid_of(int n) {
    auto digits = std::to_string(n);
    return "AAAAAAAA-BBBB-CCCC-DDDD-" + std::string(12 - digits.size(), '0') + digits;
}

int next_uuid = 1;

struct work_spec {
    std::string clues;
    std::string tag; // makes the work's RFCs and photos its own
    std::string first_rfc;
    std::int64_t cheap = 100000, middle = 150000, dear = 200000;
    int chosen = 0; // which quote (0 cheapest)
    std::string state = "en_ejecucion";
    std::string category = "obra";
    int quantity = 0;
    std::string expense_date = "2026-06-01";
    bool before_photo = true, after_photo = true, entrega = false;
    std::string before_sha;
};

// A work with three quotes far apart, the chosen one paid, and its photos.
std::int64_t seed_work(write_context& w, const work_spec& s) {
    auto id = insert_work(w, s.clues, "Obra " + s.tag, s.category, s.quantity, s.state);
    std::vector<std::string> rfcs = {s.first_rfc.empty() ? s.tag + "A010101AA1" : s.first_rfc,
                                     s.tag + "B010101BB2", s.tag + "C010101CC3"};
    std::vector<std::int64_t> amounts = {s.cheap, s.middle, s.dear};
    std::vector<std::int64_t> quotes;
    for (std::size_t i = 0; i < 3; ++i)
        quotes.push_back(insert_quote(w, id, rfcs[i], amounts[i]));
    auto chosen = static_cast<std::size_t>(s.chosen);
    choose(w, id, quotes[chosen], s.chosen ? "Mejor garantía por escrito" : "");
    insert_expense(w, id, s.clues, uuid_of(next_uuid++), rfcs[chosen], amounts[chosen] / 2,
                   s.expense_date);
    if (s.before_photo)
        insert_evidence(w, id, "foto_antes",
                        s.before_sha.empty() ? sha_of(s.tag + "antes") : s.before_sha);
    if (s.after_photo)
        insert_evidence(w, id, "foto_despues", sha_of(s.tag + "despues"));
    if (s.entrega)
        insert_evidence(w, id, "entrega_recepcion", sha_of(s.tag + "acta"));
    return id;
}

struct flags_env {
    running_server s;
    http_client c{s.port};
    std::string coord, mod, coord_sonora;

    flags_env() {
        using namespace asamblea;
        auto hash = store::hash_password("clave-de-prueba");
        auto ok = s.srv->store().writer().run([&](write_context& w) -> domain::status {
            std::vector<domain::clinic> clinics;
            auto add = [&](std::string clues, std::string name, std::string state) {
                clinics.push_back(
                    {clues, name, state, "Centro", "IMSS-BIENESTAR", 1, "Rural", 100000000});
            };
            add("OCIMB000000", "Clínica Limpia", "Oaxaca");
            add("PLIMB000001", "Clínica CFDI", "Puebla");
            add("TLIMB000002", "Clínica Fechas", "Tlaxcala");
            add("HGIMB000003", "Clínica Cara", "Hidalgo");
            add("MSIMB000004", "Clínica Parecidas", "Morelos");
            add("SRIMB000051", "Clínica Sonora Uno", "Sonora");
            add("SRIMB000052", "Clínica Sonora Dos", "Sonora");
            add("SRIMB000053", "Clínica Sonora Tres", "Sonora");
            add("YNIMB000006", "Clínica Grupo", "Yucatán");
            add("CLIMB000007", "Clínica Precios", "Colima");
            add("DGIMB000008", "Clínica Sin Fotos", "Durango");
            add("ZSIMB000009", "Clínica Sin Comprobar", "Zacatecas");
            add("SLIMB000101", "Clínica Foto Uno", "Sinaloa");
            add("SLIMB000102", "Clínica Foto Dos", "Sinaloa");
            store::upsert_clinics(w, clinics);
            (void)store::save_user(w, "coordsonora", hash, domain::role::coordinator,
                                   {"SRIMB000051", "SRIMB000052", "SRIMB000053"}, false);

            auto clean = seed_work(w, {.clues = "OCIMB000000", .tag = "LIM"});
            // Voided rows count for nothing: an identical quote, the photo of two clinics.
            w.db().exec("INSERT INTO quotes (work_id, supplier, rfc, rfc_digit_ok, "
                        "amount_centavos, quoted_on, file_sha256, created_at, voided_at, "
                        "void_reason) VALUES (" +
                        std::to_string(clean) +
                        ", 'Retirada', 'RET010101AA1', 1, 100000, '2026-03-05', 'f', 'x', 'x', "
                        "'Retiró su oferta')");
            w.db().exec("INSERT INTO evidence (work_id, kind, file_sha256, mime, created_at, "
                        "voided_at, void_reason) VALUES (" +
                        std::to_string(clean) + ", 'foto_antes', '" + sha_of("misma") +
                        "', 'image/jpeg', 'x', 'x', 'Foto equivocada')");
            // 1: an invoice voided, then presented again.
            auto cfdi = seed_work(w, {.clues = "PLIMB000001", .tag = "CFD"});
            insert_expense(w, cfdi, "PLIMB000001", uuid_of(900), "CFDA010101AA1", 1000,
                           "2026-06-02", true);
            insert_expense(w, cfdi, "PLIMB000001", uuid_of(900), "CFDA010101AA1", 1000,
                           "2026-06-03");
            // 2: an invoice dated before the assembly.
            SQLite::Statement a(w.db(), "INSERT INTO assemblies (clues, edition, state, "
                                        "scheduled_at, created_at, updated_at) VALUES "
                                        "('TLIMB000002', 2026, 'cerrada', "
                                        "'2026-03-01T11:00:00-06:00', ?, ?)");
            a.bind(1, w.now());
            a.bind(2, w.now());
            a.exec();
            seed_work(w, {.clues = "TLIMB000002", .tag = "FEC", .expense_date = "2026-02-20"});
            // 3: not the cheapest.
            seed_work(w, {.clues = "HGIMB000003", .tag = "CAR", .chosen = 1});
            // 4: two quotes 1.5 % apart.
            seed_work(w, {.clues = "MSIMB000004", .tag = "PAR", .middle = 101500});
            // 5: one RFC winning in three clinics of Sonora.
            for (auto clues : {"SRIMB000051", "SRIMB000052", "SRIMB000053"})
                seed_work(w, {.clues = clues,
                              .tag = std::string("S") + clues[10] + "N",
                              .first_rfc = "DOM010101AB1"});
            // 6: the same three RFCs on three works.
            for (int i = 0; i < 3; ++i)
                seed_work(w, {.clues = "YNIMB000006", .tag = "GRU"});
            // 7: unit prices 1,000, 1,100 and 5,000 pesos of equipment.
            seed_work(w, {.clues = "CLIMB000007",
                          .tag = "PR1",
                          .cheap = 200000,
                          .middle = 400000,
                          .dear = 800000,
                          .category = "equipamiento",
                          .quantity = 2});
            seed_work(w, {.clues = "CLIMB000007",
                          .tag = "PR2",
                          .cheap = 110000,
                          .middle = 220000,
                          .dear = 440000,
                          .category = "equipamiento",
                          .quantity = 1});
            seed_work(w, {.clues = "CLIMB000007",
                          .tag = "PR3",
                          .cheap = 1000000,
                          .middle = 2000000,
                          .dear = 4000000,
                          .category = "equipamiento",
                          .quantity = 2});
            // 8: delivered without its after photo (its acta shows what was bought).
            seed_work(w, {.clues = "DGIMB000008",
                          .tag = "SFO",
                          .state = "entregado",
                          .after_photo = false,
                          .entrega = true});
            // 9: paid in January, nothing to show since.
            seed_work(w, {.clues = "ZSIMB000009",
                          .tag = "SCO",
                          .expense_date = "2026-01-10",
                          .after_photo = false});
            // 10: the same photo in two clinics.
            seed_work(w, {.clues = "SLIMB000101", .tag = "FT1", .before_sha = sha_of("misma")});
            seed_work(w, {.clues = "SLIMB000102", .tag = "FT2", .before_sha = sha_of("misma")});
            return {};
        });
        REQUIRE(ok);
        coord = login(c, "coord");
        mod = login(c, "mod");
        coord_sonora = login(c, "coordsonora");
    }

    json flags(const std::string& query = "?edition=2026") {
        auto r = c.request("GET", "/api/open/red-flags" + query);
        REQUIRE_MESSAGE(r.status == 200, r.body);
        return body_of(r);
    }
};

std::map<std::string, std::vector<json>> by_kind(const json& doc) {
    std::map<std::string, std::vector<json>> out;
    for (const auto& f : doc["flags"])
        out[f["kind"].get<std::string>()].push_back(f);
    return out;
}

std::set<std::string> clinics_of(const json& flag) {
    std::set<std::string> out;
    for (const auto& c : flag["clinics"])
        out.insert(c["clues"].get<std::string>());
    return out;
}

bool evidence_has(const json& flag, const std::string& text) {
    for (const auto& e : flag["evidence"])
        if (e.get<std::string>().find(text) != std::string::npos)
            return true;
    return flag["summary"].get<std::string>().find(text) != std::string::npos;
}

} // namespace

TEST_CASE("red flags: one clinic per flag, each with its evidence") {
    flags_env e;
    auto doc = e.flags();
    CHECK(doc["caveat"] == "Un motivo para revisar, no un veredicto");
    CHECK(doc["edition"] == 2026);
    CHECK(doc["thresholds_set"] == false);
    CHECK(doc["thresholds"]["quote_gap_percent"] == 2);
    auto kinds = by_kind(doc);
    const std::map<std::string, std::set<std::string>> expected = {
        {"cfdi_repetido", {"PLIMB000001"}},
        {"factura_fuera_de_fecha", {"TLIMB000002"}},
        {"no_la_mas_barata", {"HGIMB000003"}},
        {"cotizaciones_parecidas", {"MSIMB000004"}},
        {"proveedor_dominante", {"SRIMB000051", "SRIMB000052", "SRIMB000053"}},
        {"proveedores_juntos", {"YNIMB000006"}},
        {"precio_atipico", {"CLIMB000007"}},
        {"entrega_sin_fotos", {"DGIMB000008"}},
        {"gasto_sin_comprobar", {"ZSIMB000009"}},
        {"foto_repetida", {"SLIMB000101", "SLIMB000102"}},
    };
    CHECK(kinds.size() == expected.size());
    for (const auto& [kind, clinics] : expected) {
        CAPTURE(kind);
        REQUIRE(kinds[kind].size() == 1);
        CHECK(clinics_of(kinds[kind][0]) == clinics);
        CHECK(kinds[kind][0]["reviewed"] == false);
        CHECK_FALSE(kinds[kind][0]["title"].get<std::string>().empty());
    }
    CHECK(doc["count"] == expected.size());
    CHECK(e.c.request("GET", "/api/open/red-flags?edition=2026").body.find("OCIMB000000") ==
          std::string::npos);

    CHECK(evidence_has(kinds["cfdi_repetido"][0], uuid_of(900)));
    CHECK(evidence_has(kinds["cfdi_repetido"][0], "(anulado)"));
    CHECK(evidence_has(kinds["factura_fuera_de_fecha"][0], "antes de la asamblea (2026-03-01)"));
    CHECK(evidence_has(kinds["factura_fuera_de_fecha"][0], "fecha 2026-02-20"));
    CHECK(evidence_has(kinds["no_la_mas_barata"][0], "Razón pública: Mejor garantía por escrito"));
    CHECK(kinds["no_la_mas_barata"][0]["amount_centavos"] == 50000);
    CHECK(evidence_has(kinds["cotizaciones_parecidas"][0], "diferencia $15.00"));
    CHECK(evidence_has(kinds["proveedor_dominante"][0], "DOM010101AB1"));
    CHECK(kinds["proveedores_juntos"][0]["work_ids"].size() == 3);
    CHECK(kinds["precio_atipico"][0]["amount_centavos"] == 500000);
    CHECK(evidence_has(kinds["precio_atipico"][0], "Mediana de equipamiento en Colima: $1,100.00"));
    CHECK(evidence_has(kinds["entrega_sin_fotos"][0], "Entregada sin foto de después."));
    CHECK(evidence_has(kinds["gasto_sin_comprobar"][0], "Primera factura: 2026-01-10"));
    CHECK(evidence_has(kinds["foto_repetida"][0], sha_of("misma").substr(0, 12)));

    // The state filter keeps the flags touching a clinic of the state.
    auto sonora = e.flags("?edition=2026&state=Sonora");
    REQUIRE(sonora["flags"].size() == 1);
    CHECK(sonora["flags"][0]["kind"] == "proveedor_dominante");
    CHECK(sonora["states"].size() == doc["states"].size());
    CHECK(e.flags("?edition=2026&state=Nayarit")["flags"].empty());
    // Without an edition: the newest with works.
    CHECK(e.flags("")["edition"] == 2026);

    auto bad = e.c.request("GET", "/api/open/red-flags?edition=dos");
    CHECK(bad.status == 400);
    CHECK(body_of(bad)["error"] == "edition_invalid");
}

TEST_CASE("red flags: the edition's thresholds change the result") {
    flags_env e;
    auto path = "/api/national/red-flags/2026/thresholds";
    auto set = e.c.request("PUT", path, R"({"quote_gap_percent":1,"unproven_days":3650})",
                           bearer(e.coord));
    REQUIRE_MESSAGE(set.status == 200, set.body);
    CHECK(body_of(set)["thresholds"]["ring_min_works"] == 3);
    auto doc = e.flags();
    CHECK(doc["thresholds_set"] == true);
    CHECK(doc["thresholds"]["unproven_days"] == 3650);
    auto kinds = by_kind(doc);
    CHECK(kinds.count("cotizaciones_parecidas") == 0);
    CHECK(kinds.count("gasto_sin_comprobar") == 0);
    CHECK(kinds.size() == 8);
    // Four works together are needed now: the group of three no longer flags.
    REQUIRE(e.c.request("PUT", path, R"({"ring_min_works":4})", bearer(e.coord)).status == 200);
    kinds = by_kind(e.flags());
    CHECK(kinds.count("proveedores_juntos") == 0);
    CHECK(kinds.count("cotizaciones_parecidas") == 1); // back to the default 2 %

    auto bad = e.c.request("PUT", path, R"({"quote_gap_percent":99})", bearer(e.coord));
    CHECK(bad.status == 400);
    CHECK(body_of(bad)["error"] == "threshold_invalid");
    CHECK(body_of(bad)["message"].get<std::string>().find("entre 0 y 50") != std::string::npos);
    CHECK(e.c.request("PUT", path, R"({"umbral":3})", bearer(e.coord)).status == 400);
    CHECK(e.c.request("PUT", path, R"({"unproven_days":"treinta"})", bearer(e.coord)).status ==
          400);
    CHECK(e.c.request("PUT", "/api/national/red-flags/1999/thresholds", "{}", bearer(e.coord))
              .status == 400);
    CHECK(e.c.request("PUT", path, "{}").status == 401);
    CHECK(e.c.request("PUT", path, "{}", bearer(e.mod)).status == 403);
    auto scoped = e.c.request("PUT", path, "{}", bearer(e.coord_sonora));
    CHECK(scoped.status == 403);
    CHECK(body_of(scoped)["error"] == "national_only");
    CHECK(by_kind(e.flags()).count("proveedores_juntos") == 0); // nothing changed
}

TEST_CASE("red flags: a coordinator's review is stored, audited and shown") {
    flags_env e;
    auto kinds = by_kind(e.flags());
    auto key = kinds["no_la_mas_barata"][0]["key"].get<std::string>();
    auto path = "/api/national/red-flags/2026/reviews";
    json body = {{"key", key}, {"note", "  Revisado: la garantía consta en el contrato.  "}};
    auto r = e.c.request("POST", path, body.dump(), bearer(e.coord));
    REQUIRE_MESSAGE(r.status == 201, r.body);
    CHECK(body_of(r)["note"] == "Revisado: la garantía consta en el contrato.");

    auto after = by_kind(e.flags());
    const auto& flag = after["no_la_mas_barata"][0];
    CHECK(flag["reviewed"] == true);
    CHECK(flag["review"]["note"] == "Revisado: la garantía consta en el contrato.");
    CHECK(after["precio_atipico"][0]["reviewed"] == false);
    CHECK(e.flags()["reviewed"] == 1);

    {
        auto db = e.s.srv->store().readers().acquire();
        SQLite::Statement q(*db, "SELECT payload FROM audit_events WHERE type = "
                                 "'red_flag.reviewed'");
        REQUIRE(q.executeStep());
        auto payload = json::parse(q.getColumn(0).getString());
        CHECK(payload["flag_key"] == key);
        CHECK(payload["note"] == "Revisado: la garantía consta en el contrato.");
        CHECK_FALSE(q.executeStep());
    }

    // A state's coordinator reviews the flags of her clinics only.
    auto sonora_key = after["proveedor_dominante"][0]["key"].get<std::string>();
    CHECK(e.c.request("POST", path, json{{"key", sonora_key}, {"note", "Visto"}}.dump(),
                      bearer(e.coord_sonora))
              .status == 201);
    auto outside = e.c.request("POST", path, json{{"key", key}, {"note", "Visto"}}.dump(),
                               bearer(e.coord_sonora));
    CHECK(outside.status == 403);
    CHECK(body_of(outside)["error"] == "flag_out_of_scope");

    auto unknown =
        e.c.request("POST", path, json{{"key", "no_la_mas_barata:X:1"}, {"note", "Visto"}}.dump(),
                    bearer(e.coord));
    CHECK(unknown.status == 404);
    CHECK(body_of(unknown)["error"] == "flag_not_found");
    auto empty =
        e.c.request("POST", path, json{{"key", key}, {"note", "   "}}.dump(), bearer(e.coord));
    CHECK(empty.status == 400);
    CHECK_FALSE(body_of(empty)["message"].get<std::string>().empty());
    CHECK(e.c.request("POST", path, R"({"key":"x"})", bearer(e.coord)).status == 400);
    CHECK(e.c.request("POST", path, body.dump()).status == 401);
    CHECK(e.c.request("POST", path, body.dump(), bearer(e.mod)).status == 403);
    // The refused attempts left the first note alone.
    CHECK(by_kind(e.flags())["no_la_mas_barata"][0]["review"]["note"] ==
          "Revisado: la garantía consta en el contrato.");
}

} // namespace red_flags_test

#pragma GCC diagnostic pop
