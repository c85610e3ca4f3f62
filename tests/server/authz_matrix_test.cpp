// The authorization matrix (issue 17 item 12). tests/server/authz_matrix.json holds one row per
// route and WebSocket message with the answer each actor expects on clinic A, where its roles
// are, and on clinic B, where they are not. One test plays every cell against the real server
// (port 0, real HTTP and WebSocket clients); the other fails when the router serves a route, or
// schemas/ names a WebSocket message, that has no row (or a row names one that no longer exists).
#include "followup_helpers.hpp"
#include "server/http/upload_route.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace authz_matrix_test {

using nlohmann::json;

json load_matrix() {
    std::ifstream in(std::string(ASAMBLEA_SOURCE_DIR) + "/tests/server/authz_matrix.json");
    REQUIRE_MESSAGE(in.good(), "tests/server/authz_matrix.json is missing");
    return json::parse(in);
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

// The matrix's answer classes. Allowed ("ok") is any answer that shows authorization passed:
// 2xx, or a 4xx that is not 401, 403 or 404 (a validation or state error such as 400, 409, 422).
std::string class_of_status(unsigned status) {
    if (status == 401 || status == 403 || status == 404)
        return std::to_string(status);
    if (status >= 200 && status < 300)
        return "ok";
    if (status >= 400 && status < 500 && status != 405 && status != 429)
        return "ok";
    return std::to_string(status); // 405, 429, 5xx: never expected
}

// A WebSocket error carries a code, not a status: these are the codes of refusals.
std::string class_of_ws_error(const std::string& code) {
    static const std::set<std::string> unauthenticated = {"no_credential",      "bad_credential",
                                                          "credential_revoked", "no_token",
                                                          "bad_token",          "hello_first"};
    static const std::set<std::string> forbidden = {"wrong_role", "wrong_clinic", "not_a_voter"};
    if (unauthenticated.contains(code))
        return "401";
    if (forbidden.contains(code))
        return "403";
    if (code == "too_many_attempts")
        return "429";
    return "ok";
}

/// One keep-alive connection, opened again after the server closed it.
class connection {
public:
    explicit connection(unsigned short port) : port_(port) {}

    http_reply request(const std::string& method, const std::string& target,
                       const std::string& body, const std::map<std::string, std::string>& h) {
        if (!client_)
            client_ = std::make_unique<http_client>(port_);
        http_reply r;
        try {
            r = client_->request(method, target, body, h);
        } catch (...) {
            client_.reset();
            throw;
        }
        if (!r.keep_alive)
            client_.reset();
        return r;
    }

private:
    unsigned short port_;
    std::unique_ptr<http_client> client_;
};

/// Who acts, and what it holds: nothing, a voter credential, or a staff bearer token.
struct actor {
    std::string name;
    enum kind { anonymous, voter, staff } k = anonymous;
    std::string secret;

    std::map<std::string, std::string> headers() const {
        if (k == voter)
            return {{"Authorization", "Credential " + secret}};
        if (k == staff)
            return {{"Authorization", "Bearer " + secret}};
        return {};
    }
};

constexpr const char* password = "clave-de-prueba";

// Whole 1×1 PNGs (a red and a blue pixel): a photo's public copy is made without its metadata,
// which needs a real image, and each clinic's photo must be its own file.
const std::string red_png(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00"
    "\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c"
    "\x63\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99\x3d\x1d\x00\x00\x00\x00\x49\x45"
    "\x4e\x44\xae\x42\x60\x82",
    70);
const std::string blue_png(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00"
    "\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c"
    "\x63\x60\x60\xf8\xff\x1f\x00\x03\x02\x01\xff\xe6\x77\x0b\xae\x00\x00\x00\x00\x49\x45"
    "\x4e\x44\xae\x42\x60\x82",
    70);

/// The real server with clinics A and B each in session: a voter and a spare attendee, an
/// accepted proposal, a budget round closed and revealed, a floor request and two nominations,
/// a COSABI of 2026 (presidencia, tesorería) and a former member of 2025, a contracted work item
/// with three quotes, evidence and an expense. `ids[clues]` names what the rows' paths use.
struct world {
    running_server s;
    connection c{s.port};
    std::string coord;
    std::map<std::string, json> ids;

    json call(const std::string& method, const std::string& target, const std::string& token,
              const json& body, unsigned expect,
              const std::map<std::string, std::string>& extra = {}) {
        auto h = extra;
        if (!token.empty() && !h.contains("Authorization"))
            h["Authorization"] = "Bearer " + token;
        auto r = c.request(method, target, body.is_null() ? std::string() : body.dump(), h);
        REQUIRE_MESSAGE(r.status == expect,
                        method << " " << target << " → " << r.status << " " << r.body);
        return json::parse(r.body, nullptr, false);
    }

    std::string upload(const std::string& clues, const std::string& token,
                       const std::string& bytes) {
        auto r = c.request(
            "POST", "/api/c/" + clues + "/files", bytes,
            {{"Authorization", "Bearer " + token}, {"Content-Type", "application/octet-stream"}});
        REQUIRE_MESSAGE((r.status == 201 || r.status == 200), r.body);
        return json::parse(r.body)["sha256"];
    }

    std::string log_in(const std::string& user) {
        return call("POST", "/api/auth/login", "", {{"username", user}, {"password", password}},
                    200)["token"];
    }

    // The assembly's part, through the coordinator and the voter's phone.
    void prepare_assembly(const std::string& clues) {
        json& id = ids[clues];
        const std::string base = "/api/c/" + clues;
        call("POST", base + "/assembly", coord,
             {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 1}},
             201);
        call("POST", base + "/assembly/transition", coord, {{"to", "registro"}}, 200);
        auto person = [&](const std::string& nombre) {
            return call("POST", base + "/attendees", coord,
                        {{"nombre", nombre},
                         {"identificador", nombre + " " + clues},
                         {"sexo", "mujer"},
                         {"mayor_de_edad", true}},
                        201);
        };
        id["voter_code"] = person("Votante")["credential"]["code"];
        auto spare = person("Suplente");
        id["spare"] = spare["attendee"]["id"];
        auto p = call("POST", base + "/proposals", coord,
                      {{"title", "Techo de la sala de espera"},
                       {"description", "Impermeabilizar"},
                       {"category", "obra"},
                       {"cost_centavos", 10000000},
                       {"source", "diagnostico"}},
                      201);
        id["proposal"] = p["id"];
        if (p["status"] != "aceptada")
            call("POST", base + "/proposals/" + p["id"].dump() + "/accept", coord, nullptr, 200);
        call("POST", base + "/assembly/transition", coord, {{"to", "en_sesion"}}, 200);
        auto round = call("POST", base + "/rounds", coord,
                          {{"kind", "budget"}, {"title", "Presupuesto"}}, 201);
        const std::string rp = base + "/rounds/" + round["id"].dump();
        call("POST", rp + "/open", coord, {{"confirm_without_quorum", true}}, 200);
        call("POST", rp + "/close", coord, nullptr, 200);
        call("POST", rp + "/reveal", coord, nullptr, 200);
        id["round"] = round["id"];
        id["round_pb"] = round["id"].dump() + ".pb";
        const std::map<std::string, std::string> phone = {
            {"Authorization", "Credential " + id["voter_code"].get<std::string>()}};
        id["floor"] = call("POST", base + "/floor", "", nullptr, 201, phone)["request"]["id"];
        id["nomination"] =
            call("POST", base + "/nominations", "", {{"role", "presidencia"}}, 201, phone)["id"];
        id["other_nomination"] =
            call("POST", base + "/nominations", coord,
                 {{"role", "tesoreria"}, {"attendee_id", id["spare"]}}, 201)["id"];
        // The spare's first credential, revoked: the revoked voter's (the reissue row gives the
        // spare new ones).
        id["revoked_code"] = spare["credential"]["code"];
        call("POST", base + "/attendees/" + id["spare"].dump() + "/revoke", coord, nullptr, 200);
        id["missing"] = 999999;
        id["work"] = call("POST", base + "/works", coord,
                          {{"edition", 2026},
                           {"title", "Ultrasonido portátil"},
                           {"category", "equipamiento"},
                           {"approved_centavos", 5000000},
                           {"quantity", 1},
                           {"reason", "Acordado en la asamblea"}},
                          201)["id"];
        id["edition"] = 2026;
        id["states_csv"] = "states.csv";
        id["chart_svg"] = "states.svg";
        id["cfdi_uuid"] =
            "6F3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F6"; // the peer route GET /api/fleet/cfdi/{uuid}
    }

    // The COSABI's logins and members of both clinics, and a state coordinator of Chiapas.
    void add_committees(const std::vector<std::pair<std::string, std::string>>& clinics) {
        using namespace asamblea;
        auto hash = store::hash_password(password);
        auto ok = s.srv->store().writer().run([&](store::write_context& w) -> domain::status {
            for (const auto& clinic : clinics) {
                const std::string& clues = clinic.first;
                const std::string& tag = clinic.second;
                auto member = [&](int term, const std::string& role, const std::string& user) {
                    auto uid =
                        store::save_user(w, user, hash, domain::role::committee, {clues}, false);
                    REQUIRE(uid);
                    return store::insert_member(
                        w, {clues, term, ids[clues]["round"].get<std::int64_t>(), "eleccion"},
                        {role, 1, user, "mujer", 0, 0, *uid});
                };
                member(2025, "presidencia", "anterior_" + tag);
                ids[clues]["member"] = member(2026, "presidencia", "presidenta_" + tag);
                member(2026, "tesoreria", "tesorera_" + tag);
            }
            auto uid = store::save_user(w, "coord_estado", hash, domain::role::coordinator,
                                        {"CSIMB000001", "CSIMB000002"}, false);
            REQUIRE(uid);
            return {};
        });
        REQUIRE(ok);
    }

    // The follow-up's part, through the committee's own logins: a contracted work item.
    void prepare_followup(const std::string& clues, const std::string& presidenta,
                          const std::string& tesorera, const std::string& uuid,
                          const std::string& photo) {
        json& id = ids[clues];
        const std::string work = "/api/c/" + clues + "/works/" + id["work"].dump();
        call("POST", work + "/move", presidenta, {{"to", "cotizando"}}, 200);
        std::vector<std::int64_t> quotes;
        for (auto [rfc, amount] :
             {std::pair{"EKU9003173C9", 4800000}, std::pair{"AABF800614HI0", 4500000},
              std::pair{"EKU9003173C8", 4900000}}) {
            auto file = upload(clues, presidenta,
                               pdf_bytes(std::string("cotizacion ") + rfc + " " + clues));
            if (quotes.empty())
                id["pdf"] = file;
            quotes.push_back(call("POST", work + "/quotes", presidenta,
                                  {{"supplier", std::string("Proveedor ") + rfc},
                                   {"rfc", rfc},
                                   {"amount_centavos", amount},
                                   {"date", "2026-03-01"},
                                   {"file_sha256", file}},
                                  201)["id"]);
        }
        id["quote"] = quotes[0];
        id["photo"] = upload(clues, presidenta, photo);
        call("POST", work + "/evidence", presidenta,
             {{"kind", "foto_antes"}, {"file_sha256", id["photo"]}}, 201);
        id["evidence"] = call(
            "POST", work + "/evidence", presidenta,
            {{"kind", "foto_antes"}, {"file_sha256", upload(clues, presidenta, png_bytes(clues))}},
            201)["id"];
        call("POST", work + "/choose-quote", presidenta, {{"quote_id", quotes[1]}}, 200);
        call("POST", work + "/move", presidenta, {{"to", "contratado"}}, 200);
        id["xml"] = upload(clues, tesorera, cfdi_xml(uuid, "45000.00"));
        id["invoice_pdf"] = upload(clues, tesorera, pdf_bytes("factura " + clues));
        id["expense"] =
            call("POST", work + "/expenses", tesorera,
                 {{"xml_sha256", id["xml"]}, {"pdf_sha256", id["invoice_pdf"]}}, 201)["id"];
    }
};

/// A row's path for a clinic: {clues} and the path parameters the row names, then its query.
std::string target_of(const json& row, const std::string& clues, const json& ids) {
    std::string path = words(row["route"].get<std::string>())[1];
    auto put = [&](const std::string& param, const std::string& value) {
        auto at = path.find("{" + param + "}");
        REQUIRE_MESSAGE(at != std::string::npos, row["route"] << " has no {" << param << "}");
        path.replace(at, param.size() + 2, value);
    };
    if (path.find("{clues}") != std::string::npos)
        put("clues", clues);
    const json params = row.value("ids", json::object());
    for (const auto& p : params.items()) {
        const auto& v = ids.at(p.value().get<std::string>());
        put(p.key(), v.is_string() ? v.get<std::string>() : v.dump());
    }
    REQUIRE_MESSAGE(path.find('{') == std::string::npos, row["route"] << ": " << path);
    if (row.contains("query"))
        path += "?" + row["query"].get<std::string>();
    return path;
}

/// A row's body: strings "{key}" become the clinic's ids (numbers stay numbers).
json fill(const json& body, const json& ids) {
    if (body.is_object()) {
        json out = json::object();
        for (const auto& field : body.items())
            out[field.key()] = fill(field.value(), ids);
        return out;
    }
    if (body.is_string()) {
        const auto& s = body.get_ref<const std::string&>();
        if (s.size() > 2 && s.front() == '{' && s.back() == '}')
            return ids.at(s.substr(1, s.size() - 2));
    }
    return body;
}

std::string http_cell(connection& c, const json& row, const actor& who, const std::string& clues,
                      const json& ids, std::string& detail, unsigned* status = nullptr) {
    auto method = words(row["route"].get<std::string>())[0];
    auto h = who.headers();
    std::string body;
    if (row.contains("body")) {
        body = fill(row["body"], ids).dump();
    } else if (row.contains("raw")) {
        body = row["raw"];
        h["Content-Type"] = "text/csv";
    } else if (row.value("upload", false)) {
        body = png_bytes("matriz " + who.name);
        h["Content-Type"] = "application/octet-stream";
    }
    auto target = target_of(row, clues, ids);
    auto r = c.request(method, target, body, h);
    detail = method + " " + target + " → " + std::to_string(r.status) + " " + r.body.substr(0, 200);
    if (status)
        *status = r.status;
    return class_of_status(r.status);
}

// The next answer on a socket, room pushes (snapshot, progress) skipped: ok (welcome, ack, pong)
// or a refusal's class.
std::string ws_answer(ws_client& ws, std::string& detail) {
    while (auto msg = ws.next()) {
        const std::string type = (*msg)["type"];
        if (type == "snapshot" || type == "progress")
            continue;
        detail = msg->dump().substr(0, 200);
        if (type == "welcome" || type == "ack" || type == "pong")
            return "ok";
        if (type == "error")
            return class_of_ws_error((*msg)["error"]);
        return "unexpected " + type;
    }
    detail = ws.error_message();
    return ws.ended() ? "closed without an answer" : "no answer";
}

std::string ws_cell(unsigned short port, const json& row, const actor& who,
                    const std::string& clues, const json& ids, std::string& detail) {
    const std::string type = words(row["route"].get<std::string>())[1];
    ws_client ws(port, clues);
    if (type == "ping") {
        ws.send({{"type", "ping"}});
        return ws_answer(ws, detail);
    }
    REQUIRE_MESSAGE((type == "hello" || type == "ballot" || type == "visibility"),
                    "no way to play WS " << type);
    json ballot = {{"type", "ballot"},
                   {"round_id", ids["round"]},
                   {"ballot_id", "matriz-" + who.name},
                   {"choices", json::array({ids["proposal"].dump()})}};
    if (type == "visibility") // no answer of its own: a ping follows, its pong is the answer
        ballot = {{"type", "visibility"}, {"hidden", true}};
    auto play = [&] {
        ws.send(ballot);
        if (type == "visibility")
            ws.send({{"type", "ping"}});
        return ws_answer(ws, detail);
    };
    if (row.value("before_hello", false))
        return play();
    json hello = {{"type", "hello"}};
    if (who.k == actor::voter)
        hello["credential"] = who.secret;
    else if (who.k == actor::staff)
        hello["token"] = who.secret;
    ws.send(hello);
    auto greeted = ws_answer(ws, detail);
    if (type == "hello" || greeted != "ok")
        return greeted;
    return play();
}

TEST_CASE("every route and WebSocket message has a row in the authorization matrix") {
    running_server s;
    auto matrix = load_matrix();
    std::set<std::string> rows_http, rows_ws;
    for (const auto& row : matrix["rows"]) {
        const std::string route = row["route"];
        (route.starts_with("WS ") ? rows_ws : rows_http)
            .insert(route.starts_with("WS ") ? route.substr(3) : route);
    }

    std::set<std::string> served;
    for (const auto& name : s.srv->route_names())
        served.insert(name);
    REQUIRE(served.size() > 50); // the accessor lists the router's routes
    // The fuzz target's route table (fuzz/CMakeLists.txt) is read from the handlers'
    // add_route(r, ctx, "METHOD", "/path", ...) lines: a route registered any other way (in a
    // loop, say) would be served but never fuzzed.
    std::set<std::string> on_one_line;
    const std::regex registration(R"re(add_[a-z_]*route\(r, ctx, "([A-Z]+)", "([^"]+)")re");
    for (const auto& f : std::filesystem::directory_iterator(std::string(ASAMBLEA_SOURCE_DIR) +
                                                             "/src/server/api")) {
        std::ifstream in(f.path());
        std::string line;
        std::smatch m;
        while (std::getline(in, line))
            if (std::regex_search(line, m, registration))
                on_one_line.insert(m[1].str() + " " + m[2].str());
    }
    for (const auto& r : served)
        CHECK_MESSAGE(on_one_line.contains(r), "the route "
                                                   << r
                                                   << " is not registered on one add_route line "
                                                      "of src/server/api, so fuzz/ misses it");

    // Served by the HTTP session itself, outside the router.
    served.insert(std::string(asamblea::server::upload_route_name));
    served.insert("GET /healthz");
    served.insert("GET /metrics");
    for (const auto& r : served)
        CHECK_MESSAGE(rows_http.contains(r),
                      "the route " << r << " has no row in tests/server/authz_matrix.json");
    for (const auto& r : rows_http)
        CHECK_MESSAGE(served.contains(r), "tests/server/authz_matrix.json has a row for "
                                              << r << ", which is not served");

    // Every WebSocket message a client may send has its schema schemas/ws_<type>.json, which
    // the protocol requires before it reads a message.
    std::set<std::string> types;
    for (const auto& f :
         std::filesystem::directory_iterator(std::string(ASAMBLEA_SOURCE_DIR) + "/schemas")) {
        auto name = f.path().filename().string();
        if (name.starts_with("ws_") && name.ends_with(".json"))
            types.insert(name.substr(3, name.size() - 3 - 5));
    }
    REQUIRE(types.contains("hello"));
    for (const auto& t : types)
        CHECK_MESSAGE(rows_ws.contains(t), "the WebSocket message «" << t << "» has no row");
    for (const auto& t : rows_ws)
        CHECK_MESSAGE(types.contains(t),
                      "a row names the WebSocket message «" << t << "», which has none");
}

TEST_CASE("every actor gets the matrix's answer on every route and WebSocket message") {
    auto matrix = load_matrix();
    const auto clinic_a = matrix["clinics"]["A"].get<std::string>();
    const auto clinic_b = matrix["clinics"]["B"].get<std::string>();
    const auto started = std::chrono::steady_clock::now();

    world w;
    w.coord = w.log_in("coord");
    w.prepare_assembly(clinic_a);
    w.prepare_assembly(clinic_b);
    w.add_committees({{clinic_a, "a"}, {clinic_b, "b"}});
    // Each role logs in once (the fixture's password), so no throttle is ever near.
    std::map<std::string, std::string> tokens;
    for (const auto* user : {"mod", "presidenta_a", "tesorera_a", "anterior_a", "coord_estado",
                             "presidenta_b", "tesorera_b"})
        tokens[user] = w.log_in(user);
    w.prepare_followup(clinic_a, tokens["presidenta_a"], tokens["tesorera_a"],
                       "6F3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F6", red_png);
    w.prepare_followup(clinic_b, tokens["presidenta_b"], tokens["tesorera_b"],
                       "7A4F1D2B-2C3D-4E5F-9A01-B2C3D4E5F607", blue_png);
    const auto prepared = std::chrono::steady_clock::now();

    const std::map<std::string, actor> by_name = {
        {"anonymous", {"anonymous", actor::anonymous, ""}},
        {"voter_a", {"voter_a", actor::voter, w.ids[clinic_a]["voter_code"].get<std::string>()}},
        {"revoked_voter_a",
         {"revoked_voter_a", actor::voter, w.ids[clinic_a]["revoked_code"].get<std::string>()}},
        {"moderator_a", {"moderator_a", actor::staff, tokens["mod"]}},
        {"presidencia_a", {"presidencia_a", actor::staff, tokens["presidenta_a"]}},
        {"tesoreria_a", {"tesoreria_a", actor::staff, tokens["tesorera_a"]}},
        {"former_member_a", {"former_member_a", actor::staff, tokens["anterior_a"]}},
        {"coordinator", {"coordinator", actor::staff, w.coord}},
        {"state_coordinator", {"state_coordinator", actor::staff, tokens["coord_estado"]}}};
    std::vector<actor> actors;
    for (const auto& entry : matrix["actors"]) {
        const auto name = entry.get<std::string>();
        REQUIRE_MESSAGE(by_name.contains(name), "no actor " << name);
        actors.push_back(by_name.at(name));
    }

    int cells = 0;
    std::vector<std::string> wrong;
    auto play = [&](const json& row, const std::string& clues, const std::string& expected) {
        auto want = words(expected);
        REQUIRE_MESSAGE(want.size() == actors.size(), row["route"] << ": " << expected);
        const json& ids = w.ids[clues];
        const bool ws = row["route"].get<std::string>().starts_with("WS ");
        for (std::size_t i = 0; i < actors.size(); ++i) {
            REQUIRE_MESSAGE((want[i] == "ok" || want[i] == "401" || want[i] == "403" ||
                             want[i] == "404" || want[i] == "-"),
                            row["route"] << ": unknown answer " << want[i]);
            if (want[i] == "-") // not played
                continue;
            std::string detail;
            auto got = ws ? ws_cell(w.s.port, row, actors[i], clues, ids, detail)
                          : http_cell(w.c, row, actors[i], clues, ids, detail);
            ++cells;
            if (got != want[i])
                wrong.push_back(row["route"].get<std::string>() + " on " + clues + " as " +
                                actors[i].name + ": expected " + want[i] + ", got " + got + " (" +
                                detail + ")");
        }
    };
    auto play_row = [&](const json& row) {
        if (row.contains("expect"))
            return play(row, clinic_a, row["expect"]);
        play(row, clinic_a, row["A"]);
        play(row, clinic_b, row["B"]);
    };
    // Clinic B's ids on clinic A's path, by every actor allowed there: never a success (the
    // object is looked up within the path's clinic), whatever the route does with it.
    int crossed = 0;
    auto cross = [&](const json& row) {
        const std::string route = row["route"];
        if (!row.contains("ids") || route.find("{clues}") == std::string::npos ||
            !row.contains("A"))
            return;
        auto want = words(row["A"].get<std::string>());
        for (std::size_t i = 0; i < actors.size(); ++i) {
            if (want[i] != "ok")
                continue;
            std::string detail;
            unsigned status = 0;
            http_cell(w.c, row, actors[i], clinic_a, w.ids[clinic_b], detail, &status);
            ++crossed;
            if (status >= 200 && status < 300)
                wrong.push_back(route + " on " + clinic_a + " with " + clinic_b + "'s ids as " +
                                actors[i].name + ": succeeded (" + detail + ")");
        }
    };
    for (const auto& row : matrix["rows"])
        if (!row.value("last", false))
            play_row(row);
    for (const auto& row : matrix["rows"])
        if (!row.value("last", false))
            cross(row);
    for (const auto& row : matrix["rows"])
        if (row.value("last", false))
            play_row(row);

    for (const auto& line : wrong)
        FAIL_CHECK(line);
    auto ms = [](auto d) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    };
    MESSAGE(cells << " cells of " << matrix["rows"].size() << " rows and " << crossed
                  << " with the other clinic's ids, " << wrong.size() << " wrong; set-up "
                  << ms(prepared - started) << " ms, matrix "
                  << ms(std::chrono::steady_clock::now() - prepared) << " ms");
    CHECK(cells > 1000);
}

} // namespace authz_matrix_test
