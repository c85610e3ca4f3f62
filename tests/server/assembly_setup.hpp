#pragma once
/// Drives the real REST API to get an assembly in session with attendees, proposals and an open
/// round: the starting point of the voting tests.

#include "http_client.hpp"
#include "staff_login.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

struct assembly_setup {
    std::string clues;
    std::string token;              // the coordinator's (national) token
    std::vector<std::string> codes; // one credential per attendee
    std::vector<std::int64_t> attendee_ids;
    std::vector<std::string> proposal_ids;
    std::int64_t round_id = 0;
};

inline nlohmann::json call(http_client& c, const std::string& method, const std::string& target,
                           const std::string& token, const nlohmann::json& body = nullptr,
                           unsigned expect = 0) {
    auto reply = c.request(method, target, body.is_null() ? std::string() : body.dump(),
                           {{"Authorization", "Bearer " + token}});
    if (expect != 0)
        CHECK_MESSAGE(reply.status == expect,
                      method << " " << target << " → " << reply.status << " " << reply.body);
    return reply.body.empty() ? nlohmann::json() : nlohmann::json::parse(reply.body);
}

/// An assembly in session with `attendees` checked in, `costs` accepted proposals (pesos), and a
/// budget round opened with at most `max_choices` choices.
inline assembly_setup setup_assembly(http_client& c, const std::string& token,
                                     const std::string& clues, int attendees,
                                     const std::vector<long long>& costs, int max_choices,
                                     bool open_round = true) {
    assembly_setup s;
    s.clues = clues;
    s.token = token;
    std::string base = "/api/c/" + clues;
    call(c, "POST", base + "/assembly", token,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 2}}, 201);
    call(c, "POST", base + "/assembly/transition", token, {{"to", "registro"}}, 200);
    for (int i = 0; i < attendees; ++i) {
        auto r = call(c, "POST", base + "/attendees", token,
                      {{"nombre", "Persona " + std::to_string(i)},
                       {"identificador", clues + "-" + std::to_string(i)},
                       {"sexo", i % 2 ? "hombre" : "mujer"},
                       {"mayor_de_edad", true}},
                      201);
        s.codes.push_back(r["credential"]["code"]);
        s.attendee_ids.push_back(r["attendee"]["id"]);
    }
    for (std::size_t i = 0; i < costs.size(); ++i) {
        auto p = call(c, "POST", base + "/proposals", token,
                      {{"title", "Propuesta " + std::to_string(i)},
                       {"description", "Descripción"},
                       {"category", "obra"},
                       {"cost_centavos", costs[i] * 100},
                       {"source", "diagnostico"}},
                      201);
        auto id = p["id"].get<std::int64_t>();
        if (p["status"] != "aceptada")
            call(c, "POST", base + "/proposals/" + std::to_string(id) + "/accept", token, nullptr,
                 200);
        s.proposal_ids.push_back(std::to_string(id));
    }
    call(c, "POST", base + "/assembly/transition", token, {{"to", "en_sesion"}}, 200);
    auto round =
        call(c, "POST", base + "/rounds", token,
             {{"kind", "budget"}, {"title", "Presupuesto"}, {"max_choices", max_choices}}, 201);
    s.round_id = round["id"];
    // The quorum is 2: with fewer attendees the moderator confirms opening without it.
    if (open_round)
        call(c, "POST", base + "/rounds/" + std::to_string(s.round_id) + "/open", token,
             attendees < 2 ? nlohmann::json{{"confirm_without_quorum", true}}
                           : nlohmann::json(nullptr),
             200);
    return s;
}
