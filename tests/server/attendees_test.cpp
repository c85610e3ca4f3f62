#include "assembly_helpers.hpp"
#include "domain/assembly/credential_code.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>
#include <vector>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace attendees_test {

namespace {

json person(const std::string& nombre, const std::string& id, const std::string& sexo = "mujer",
            bool adult = true) {
    return {{"nombre", nombre}, {"identificador", id}, {"sexo", sexo}, {"mayor_de_edad", adult}};
}

std::string file_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("check-in registers attendees with a one-time credential, only while it is open") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    auto before = audit_events(e.s);
    auto closed = e.as_mod("POST", "/attendees", person("Ana Pérez", "NSS-001").dump());
    CHECK(closed.status == 409);
    CHECK(body_of(closed)["error"] == "wrong_state");
    CHECK(audit_events(e.s) == before);
    e.move_to("registro");
    before = audit_events(e.s);

    auto r = e.as_mod("POST", "/attendees", person("  Ana   Pérez ", "nss 001").dump());
    REQUIRE(r.status == 201);
    auto b = body_of(r);
    CHECK(b["attendee"]["nombre"] == "Ana Pérez");
    CHECK(b["attendee"]["sexo"] == "mujer");
    CHECK(b["attendee"]["credential_status"] == "activa");
    CHECK_FALSE(b["attendee"]["registered_at"].get<std::string>().empty());
    CHECK_FALSE(b["attendee"].contains("identificador"));
    std::string code = b["credential"]["code"];
    REQUIRE(code.size() == 8);
    CHECK(asamblea::domain::parse_credential_code(code) == code);
    CHECK(b["credential"]["display"] == code.substr(0, 4) + "-" + code.substr(4));
    CHECK(b["credential"]["url"] == "/c/CSIMB000001/votar#" + code);
    std::string svg = b["credential"]["qr_svg"];
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(svg.find("<path") != std::string::npos);
    CHECK(svg.ends_with("</svg>"));
    CHECK(audit_events(e.s) == before + 2); // the registration and the credential

    auto second = e.check_in("Beto Gómez", "NSS-002", "hombre");
    CHECK(second["credential"]["code"] != code);
    auto a = body_of(c.request("GET", "/api/c/CSIMB000001/assembly"));
    CHECK(a["attendance"] == 2);
    CHECK(a["quorum_met"] == true);
}

TEST_CASE("check-in refusals change nothing: duplicates, minors, bad fields, wrong staff") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    e.move_to("registro");
    e.check_in("Ana Pérez", "NSS001");
    auto before = audit_events(e.s);
    auto attendees = [&] { return count_rows(e.s, "SELECT count(*) FROM attendees"); };
    auto credentials = [&] { return count_rows(e.s, "SELECT count(*) FROM credentials"); };

    // The same identifier typed differently is the same person.
    auto dup = e.as_mod("POST", "/attendees", person("Otra Persona", " nss 001 ").dump());
    CHECK(dup.status == 409);
    CHECK(body_of(dup)["error"] == "duplicate_attendee");
    CHECK(body_of(dup)["field"] == "identificador");
    CHECK(body_of(dup)["message"].get<std::string>().find("ya está registrada") !=
          std::string::npos);
    // The refusal names the first registration, so the desk can find it in the list.
    CHECK(body_of(dup)["message"].get<std::string>().find("«Ana Pérez»") != std::string::npos);
    auto minor = e.as_mod("POST", "/attendees", person("Niño", "NSS009", "hombre", false).dump());
    CHECK(minor.status == 400);
    CHECK(body_of(minor)["error"] == "not_adult");
    auto no_name = e.as_mod("POST", "/attendees", person(" ", "NSS010").dump());
    CHECK(no_name.status == 400);
    CHECK(body_of(no_name)["field"] == "nombre");
    auto short_id = e.as_mod("POST", "/attendees", person("Ana", " a1 ").dump());
    CHECK(short_id.status == 400);
    CHECK(body_of(short_id)["field"] == "identificador");
    CHECK(e.as_mod("POST", "/attendees", person("Ana", "NSS;011").dump()).status == 400);
    CHECK(e.as_mod("POST", "/attendees", person("Ana", "NSS011", "f").dump()).status == 400);
    auto missing = e.as_mod("POST", "/attendees", R"({"nombre":"Ana","identificador":"X12"})");
    CHECK(missing.status == 400);
    CHECK(e.as_mod("POST", "/attendees", "no json").status == 400);
    auto extra = person("Ana", "NSS012");
    extra["curp"] = "X";
    CHECK(e.as_mod("POST", "/attendees", extra.dump()).status == 400);
    auto wrong_type = person("Ana", "NSS013");
    wrong_type["mayor_de_edad"] = "sí";
    CHECK(e.as_mod("POST", "/attendees", wrong_type.dump()).status == 400);

    const std::string path = "/api/c/CSIMB000001/attendees";
    const std::string ok_body = person("Carla", "NSS020").dump();
    CHECK(c.request("POST", path, ok_body).status == 401);
    CHECK(c.request("POST", path, ok_body, bearer("not-a-token")).status == 401);
    CHECK(c.request("POST", path, ok_body, bearer(login(c, "cosabi"))).status == 403);
    auto other = c.request("POST", path, ok_body, bearer(login(c, "mod2")));
    CHECK(other.status == 403);
    CHECK(body_of(other)["error"] == "wrong_clinic");
    CHECK(c.request("POST", "/api/c/CSIMB000002/attendees", ok_body, bearer(login(c, "mod2")))
              .status == 404); // that clinic has no assembly

    CHECK(attendees() == 1);
    CHECK(credentials() == 1);
    CHECK(audit_events(e.s) == before);
    CHECK(body_of(c.request("GET", "/api/c/CSIMB000001/assembly"))["attendance"] == 1);
}

TEST_CASE("without an identifier the name is the key, and the refusal names the first one") {
    assembly_env e;
    e.move_to("registro");
    auto attendees = [&] { return count_rows(e.s, "SELECT count(*) FROM attendees"); };
    auto credentials = [&] { return count_rows(e.s, "SELECT count(*) FROM credentials"); };

    auto first = e.check_in("María Ñúñez Peña", "");
    CHECK(first["attendee"]["nombre"] == "María Ñúñez Peña");
    e.check_in("Beto Gómez", "   ", "hombre");
    auto before = audit_events(e.s);

    // The same name, typed with other accents, case or spaces, is the same person.
    auto again = e.as_mod("POST", "/attendees", person(" maria  ÑUÑEZ peña", "").dump());
    CHECK(again.status == 409);
    auto b = body_of(again);
    CHECK(b["error"] == "duplicate_attendee");
    CHECK(b["field"] == "nombre");
    std::string message = b["message"];
    CHECK(message.find("«María Ñúñez Peña», registrada a las ") != std::string::npos);
    CHECK(message.find("escriba su identificador") != std::string::npos);
    CHECK(attendees() == 2);
    CHECK(credentials() == 2);
    CHECK(audit_events(e.s) == before);

    // A namesake with an identifier is another person; without one, a name already taken by
    // someone with an identifier is refused too.
    e.check_in("Beto Gómez", "NSS-777", "hombre");
    e.check_in("Carla Ruiz", "NSS-888");
    auto carla = e.as_mod("POST", "/attendees", person("Carla Ruiz", "").dump());
    CHECK(carla.status == 409);
    CHECK(body_of(carla)["field"] == "nombre");
    // …and the identifier still wins when given: the same one under another name is refused.
    auto nss = e.as_mod("POST", "/attendees", person("Carla R.", " nss-888").dump());
    CHECK(nss.status == 409);
    CHECK(body_of(nss)["field"] == "identificador");
    CHECK(body_of(nss)["message"].get<std::string>().find("«Carla Ruiz»") != std::string::npos);
    CHECK(attendees() == 4);
    CHECK(credentials() == 4);
}

TEST_CASE("two desks checking in at once lose nothing and never issue two credentials") {
    assembly_env e;
    e.move_to("registro");
    const std::string path = std::string(assembly_env::base) + "/attendees";
    const std::string other_desk = login(e.c, "mod"); // a second login: another tablet
    constexpr int per_desk = 30;
    std::vector<std::vector<nlohmann::json>> answers(2);
    std::vector<std::vector<unsigned>> statuses(2);
    std::atomic<int> ready{0};
    auto desk = [&](int d, const std::string& token) {
        http_client c(e.s.port);
        ++ready;
        while (ready < 2)
            std::this_thread::yield();
        for (int i = 0; i < per_desk; ++i) {
            // Each desk registers its own people, and both try the same walk-in without an
            // identifier, who must end up registered once.
            auto nombre = i == per_desk / 2
                              ? std::string("Persona Repetida Sin Número")
                              : "Persona " + std::to_string(d) + "-" + std::to_string(i);
            auto r = c.request("POST", path, person(nombre, "", i % 2 ? "hombre" : "mujer").dump(),
                               bearer(token));
            statuses[static_cast<std::size_t>(d)].push_back(r.status);
            if (r.status == 201)
                answers[static_cast<std::size_t>(d)].push_back(body_of(r));
        }
    };
    std::thread t0(desk, 0, e.mod), t1(desk, 1, other_desk);
    t0.join();
    t1.join();

    std::set<std::string> codes;
    std::set<long long> ids;
    for (const auto& list : answers)
        for (const auto& a : list) {
            codes.insert(a["credential"]["code"].get<std::string>());
            ids.insert(a["attendee"]["id"].get<long long>());
        }
    auto created = answers[0].size() + answers[1].size();
    CHECK(created == 2 * per_desk - 1);
    CHECK(codes.size() == created);
    CHECK(ids.size() == created);
    auto refused = std::count(statuses[0].begin(), statuses[0].end(), 409u) +
                   std::count(statuses[1].begin(), statuses[1].end(), 409u);
    CHECK(refused == 1);
    CHECK(count_rows(e.s, "SELECT count(*) FROM attendees") == 2 * per_desk - 1);
    CHECK(count_rows(e.s, "SELECT count(*) FROM credentials WHERE status = 'activa'") ==
          2 * per_desk - 1);
    CHECK(count_rows(e.s, "SELECT count(*) FROM attendees WHERE nombre = 'Persona Repetida Sin "
                          "Número'") == 1);
    auto list = body_of(e.c.request("GET", path, {}, bearer(other_desk)));
    CHECK(list["items"].size() == 2 * per_desk - 1);
    CHECK(list["attendance"] == 2 * per_desk - 1);
}

TEST_CASE("the attendee list searches by name and reports attendance and quorum") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    e.move_to("registro");
    e.check_in("María José López", "A001");
    e.check_in("José Hernández", "A002", "hombre");
    e.check_in("Lucía Ramírez", "A003");

    auto all = e.as_mod("GET", "/attendees");
    REQUIRE(all.status == 200);
    auto b = body_of(all);
    REQUIRE(b["items"].size() == 3);
    CHECK(b["items"][0]["nombre"] == "Lucía Ramírez"); // newest first
    CHECK(b["attendance"] == 3);
    CHECK(b["quorum_min"] == 2);
    CHECK(b["quorum_met"] == true);
    auto jose = body_of(e.as_mod("GET", "/attendees?q=jose"));
    CHECK(jose["items"].size() == 2);
    auto accented = body_of(e.as_mod("GET", "/attendees?q=LUC%C3%8DA"));
    REQUIRE(accented["items"].size() == 1);
    CHECK(accented["items"][0]["nombre"] == "Lucía Ramírez");
    CHECK(body_of(e.as_mod("GET", "/attendees?q=%25"))["items"].empty());
    CHECK(body_of(e.as_mod("GET", "/attendees?q=zz"))["items"].empty());
    CHECK(e.as_mod("GET", "/attendees?q=" + std::string(101, 'a')).status == 400);

    CHECK(c.request("GET", "/api/c/CSIMB000001/attendees").status == 401);
    CHECK(c.request("GET", "/api/c/CSIMB000001/attendees", {}, bearer(login(c, "mod2"))).status ==
          403);
}

TEST_CASE("identifiers and credential codes are never stored in clear") {
    assembly_env e;
    e.move_to("registro");
    auto b = e.check_in("Rosa Díaz", "gomr800101mdfxxx09");
    std::string code = b["credential"]["code"];
    // The database and its write-ahead log (recent writes may not be checkpointed yet).
    std::string bytes;
    for (const char* suffix : {"", "-wal"}) {
        auto path = asamblea::store::database_path(e.s.dir.str()) + suffix;
        if (std::filesystem::exists(path))
            bytes += file_bytes(path);
    }
    CHECK(bytes.find("GOMR800101MDFXXX09") == std::string::npos);
    CHECK(bytes.find("gomr800101mdfxxx09") == std::string::npos);
    CHECK(bytes.find(code) == std::string::npos);
    CHECK(bytes.find("Rosa D") != std::string::npos); // the bytes are readable: the check works
    auto payloads = count_rows(e.s, "SELECT count(*) FROM audit_events WHERE payload LIKE "
                                    "'%GOMR%' OR payload LIKE '%" +
                                        code + "%' OR payload LIKE '%Rosa%'");
    CHECK(payloads == 0);
}

TEST_CASE("a voter's credential opens /me; revoked and reissued credentials behave") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    e.move_to("registro");
    auto ana = e.check_in("Ana Pérez", "A001");
    std::string code = ana["credential"]["code"];
    std::int64_t id = ana["attendee"]["id"];
    const std::string me = "/api/c/CSIMB000001/me";

    auto ok = c.request("GET", me, {}, credential(code));
    REQUIRE(ok.status == 200);
    CHECK(body_of(ok)["attendee"]["id"] == id);
    CHECK(body_of(ok)["attendee"]["nombre"] == "Ana Pérez");
    CHECK(body_of(ok)["assembly"]["state"] == "registro");
    std::string lenient = code.substr(0, 4) + "-" + code.substr(4);
    for (auto& ch : lenient)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(c.request("GET", "/api/c/csimb000001/me", {}, credential(lenient)).status == 200);
    auto none = c.request("GET", me);
    CHECK(none.status == 401);
    CHECK(body_of(none)["error"] == "no_credential");
    CHECK(body_of(c.request("GET", me, {}, credential("ZZZZ-ZZZZ")))["error"] == "bad_credential");
    CHECK(body_of(c.request("GET", me, {}, credential("0000-0000")))["error"] == "bad_credential");
    CHECK(c.request("GET", me, {}, bearer(e.mod)).status == 401);
    // The credential belongs to one clinic's assembly.
    CHECK(c.request("GET", "/api/c/CSIMB000002/me", {}, credential(code)).status == 401);

    // Reissue: the old code stops working, the new one works, attendance is unchanged.
    auto before = audit_events(e.s);
    auto re = e.as_mod("POST", "/attendees/" + std::to_string(id) + "/reissue");
    REQUIRE(re.status == 200);
    std::string fresh = body_of(re)["credential"]["code"];
    CHECK(fresh != code);
    CHECK(body_of(re)["attendee"]["credential_status"] == "activa");
    CHECK(audit_events(e.s) == before + 2); // revoked + issued
    auto old = c.request("GET", me, {}, credential(code));
    CHECK(old.status == 401);
    CHECK(body_of(old)["error"] == "credential_revoked");
    CHECK(c.request("GET", me, {}, credential(fresh)).status == 200);
    CHECK(body_of(c.request("GET", "/api/c/CSIMB000001/assembly"))["attendance"] == 1);

    // Revoke: no credential left, attendance drops, a second revoke is refused.
    auto rv = e.as_mod("POST", "/attendees/" + std::to_string(id) + "/revoke");
    REQUIRE(rv.status == 200);
    CHECK(body_of(rv)["attendee"]["credential_status"] == "revocada");
    CHECK_FALSE(body_of(rv).contains("credential"));
    CHECK(c.request("GET", me, {}, credential(fresh)).status == 401);
    CHECK(body_of(c.request("GET", "/api/c/CSIMB000001/assembly"))["attendance"] == 0);
    before = audit_events(e.s);
    auto again = e.as_mod("POST", "/attendees/" + std::to_string(id) + "/revoke");
    CHECK(again.status == 409);
    CHECK(body_of(again)["error"] == "already_revoked");
    CHECK(e.as_mod("POST", "/attendees/9999/revoke").status == 404);
    CHECK(e.as_mod("POST", "/attendees/9999/reissue").status == 404);
    CHECK(e.as_mod("POST", "/attendees/abc/reissue").status == 404);
    CHECK(c.request("POST", "/api/c/CSIMB000001/attendees/" + std::to_string(id) + "/reissue", {},
                    bearer(login(c, "mod2")))
              .status == 403);
    CHECK(c.request("POST", "/api/c/CSIMB000001/attendees/" + std::to_string(id) + "/revoke")
              .status == 401);
    CHECK(audit_events(e.s) == before);
    CHECK(count_rows(e.s, "SELECT count(*) FROM credentials") == 2); // nothing deleted

    // After a revoke, a reissue gives the person a working credential again.
    auto back = e.as_mod("POST", "/attendees/" + std::to_string(id) + "/reissue");
    REQUIRE(back.status == 200);
    CHECK(c.request("GET", me, {}, credential(body_of(back)["credential"]["code"])).status == 200);
    CHECK(body_of(c.request("GET", "/api/c/CSIMB000001/assembly"))["attendance"] == 1);

    // Once the assembly is closed, no new credentials are handed out.
    e.move_to("en_sesion");
    e.move_to("cerrada");
    auto late = e.as_mod("POST", "/attendees/" + std::to_string(id) + "/reissue");
    CHECK(late.status == 409);
    CHECK(body_of(late)["error"] == "wrong_state");
}

} // namespace attendees_test
