// The WebSocket messages: read_ws_message, what ws_protocol::on_message does with a text frame
// before it touches a room (JSON, the "type" field, the schemas/ws_*.json check with the real
// schema_registry, then every field read into the typed message). A schema that lets through a
// value those reads cannot take (a throw on a strand) is a crash here. So is a ballot the quick
// check (ballot_shape) accepts and the schema refuses: the server would skip the schema for it.
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
    auto msg = nlohmann::json::parse(text, nullptr, false);
    if (!msg.is_discarded() && asamblea::server::plainly_valid_ballot(msg) &&
        !schemas().validate("ws_ballot", msg))
        std::abort();
    return 0;
}
