#include "server/views/incident_json.hpp"

namespace asamblea::server {

nlohmann::json incident_to_json(const store::incident_row& i) {
    return {{"id", i.id},
            {"text", i.text},
            {"at", i.at},
            {"by", i.username.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.username)}};
}

} // namespace asamblea::server
