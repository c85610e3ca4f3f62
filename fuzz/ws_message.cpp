// The WebSocket messages: read_ws_message, what ws_protocol::on_message does with a text frame
// before it touches a room (JSON, the "type" field, the schemas/ws_*.json check with the real
// schema_registry, then every field read into the typed message). A schema that lets through a
// value those reads cannot take (a throw on a strand) is a crash here. So is a ballot the quick
// read (ballot_shape) takes and the schema refuses, or reads otherwise than the JSON tree does:
// the server would skip the tree and the schema for it.
#include "server/ws/ws_message.hpp"
#include "server/schema_registry.hpp"
#include "server/ws/ballot_shape.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const asamblea::server::schema_registry& schemas() {
    static const asamblea::server::schema_registry registry(ASAMBLEA_SCHEMAS_DIR);
    return registry;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)asamblea::server::read_ws_message(schemas(), text);
    auto quick = asamblea::server::read_plain_ballot(text);
    if (!quick)
        return 0;
    auto msg = nlohmann::json::parse(text, nullptr, false);
    if (msg.is_discarded() || !schemas().validate("ws_ballot", msg))
        std::abort();
    if (msg["ballot_id"] != quick->ballot_id || msg["round_id"] != quick->round_id ||
        msg["choices"] != quick->choices)
        std::abort();
    return 0;
}
