#include "server/fleet/cfdi_check.hpp"

#include "server/fleet/fleet.hpp"
#include "server/fleet/fleet_client.hpp"
#include "server/fleet/national_gather.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

domain::status check_cfdi_elsewhere(app_context& ctx, const std::string& uuid) {
    if (!ctx.fleet)
        return {};
    peer_call call;
    call.target = "/api/fleet/cfdi/" + uuid; // a normalized UUID: hex digits and dashes
    for (const auto& reply : ask_peers(*ctx.fleet, call)) {
        nlohmann::json body;
        if (reply.reached && reply.status == 200)
            body = nlohmann::json::parse(reply.body, nullptr, false);
        if (!body.is_object() || !body.contains("used")) {
            note_peer_failure(ctx, reply, reply.reached ? "status" : reply.error);
            return domain::fail(domain::error_kind::unavailable, "cfdi_unchecked",
                                "No se pudo comprobar la factura con todos los servidores; "
                                "intente en unos minutos.",
                                "xml_sha256");
        }
        if (body["used"] == true)
            return domain::fail(domain::error_kind::conflict, "cfdi_uuid_used",
                                "La factura con folio fiscal " + uuid +
                                    " ya está registrada como gasto (unidad " +
                                    body.value("clues", std::string()) + ", obra " +
                                    std::to_string(body.value("work_id", std::int64_t{0})) +
                                    "). Una factura se registra una sola vez.",
                                "xml_sha256");
    }
    return {};
}

} // namespace asamblea::server
