#include "server/views/assembly_json.hpp"

#include "domain/assembly/assembly_state.hpp"
#include "server/views/json_text.hpp"

namespace asamblea::server {

nlohmann::json to_json(const store::assembly_row& a, std::int64_t attendance) {
    nlohmann::json allowed = nlohmann::json::array();
    for (auto s : domain::allowed_transitions(a.phase()))
        allowed.push_back(domain::to_string(s));
    return {{"id", a.id},
            {"clues", a.clues},
            {"edition", a.edition},
            {"state", domain::to_string(a.state)},
            {"scheduled_at", text_or_null(a.scheduled_at)},
            {"quorum_min", a.quorum_min},
            {"attendance", attendance},
            {"quorum_met", domain::quorum_met(attendance, a.quorum_min)},
            {"allowed_transitions", allowed},
            {"resumes_to", a.resumes_to ? nlohmann::json(domain::to_string(*a.resumes_to))
                                        : nlohmann::json(nullptr)},
            {"speaker_seconds", a.speaker_seconds}};
}

nlohmann::json to_json(const store::attendee_row& a) {
    return {{"id", a.id},
            {"nombre", a.nombre},
            {"sexo", a.sexo},
            {"registered_at", a.registered_at},
            {"credential_status", a.credential_status}};
}

nlohmann::json to_json(const issued_credential& c) {
    return {{"code", c.code}, {"display", c.display}, {"qr_svg", c.qr_svg}, {"url", c.url}};
}

nlohmann::json to_json(const store::proposal_row& p) {
    return {{"id", p.p.id},
            {"title", p.p.title},
            {"description", p.p.description},
            {"category", domain::to_string(p.p.category)},
            {"cost_centavos", p.p.cost},
            {"source", domain::to_string(p.p.source)},
            {"status", domain::to_string(p.status)},
            {"reject_reason", text_or_null(p.reject_reason)},
            {"merged_into", p.merged_into ? nlohmann::json(*p.merged_into) : nullptr}};
}

nlohmann::json to_json(const store::floor_row& r) {
    return {{"id", r.id},
            {"attendee_id", r.attendee_id},
            {"nombre", r.nombre},
            {"status", r.status},
            {"requested_at", r.requested_at},
            {"started_at", text_or_null(r.started_at)}};
}

nlohmann::json floor_json(const store::floor_rows& rows, int speaker_seconds,
                          const std::string& server_time) {
    nlohmann::json current = nullptr;
    if (rows.current)
        current = {{"id", rows.current->id},
                   {"attendee_id", rows.current->attendee_id},
                   {"nombre", rows.current->nombre},
                   {"started_at", rows.current->started_at}};
    nlohmann::json waiting = nlohmann::json::array();
    for (const auto& w : rows.waiting)
        waiting.push_back({{"id", w.id},
                           {"attendee_id", w.attendee_id},
                           {"nombre", w.nombre},
                           {"requested_at", w.requested_at}});
    return {{"speaker_seconds", speaker_seconds},
            {"current", current},
            {"waiting", waiting},
            {"server_time", server_time}};
}

} // namespace asamblea::server
