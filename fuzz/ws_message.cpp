// The WebSocket messages: read_ws_message, what ws_protocol::on_message does with a text frame
// before it touches a room (JSON, the "type" field, the schemas/ws_*.json check with the real
// schema_registry, then every field read into the typed message). A schema that lets through a
// value those reads cannot take (a throw on a strand) is a crash here.
#include "server/ws/ws_message.hpp"
#include "server/schema_registry.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

const asamblea::server::schema_registry& schemas() {
    static const asamblea::server::schema_registry registry(ASAMBLEA_SCHEMAS_DIR);
    return registry;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)asamblea::server::read_ws_message(
        schemas(), std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
