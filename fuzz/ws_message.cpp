// The WebSocket messages: what ws_protocol::on_message does with a text frame before it touches a
// room (JSON, the "type" field, the schemas/ws_*.json check with the real schema_registry), then
// every field read that hello and ballot make from a message that passed its schema. A schema that
// lets through a value those reads cannot take (a throw on a strand) is a crash here.
#include "server/schema_registry.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

const asamblea::server::schema_registry& schemas() {
    static const asamblea::server::schema_registry registry(ASAMBLEA_SCHEMAS_DIR);
    return registry;
}

// The reads of ws_protocol::hello.
void read_hello(const nlohmann::json& msg) {
    if (msg.contains("credential"))
        (void)msg["credential"].get<std::string>();
    else if (msg.contains("token"))
        (void)msg["token"].get<std::string>();
    (void)msg.value("version", std::uint64_t{0});
    (void)msg.value("pending_round_id", std::int64_t{0});
    (void)msg.value("pending_ballot_id", std::string());
}

// The reads of ws_protocol::ballot.
void read_ballot(const nlohmann::json& msg) {
    std::string uid = msg["ballot_id"];
    std::int64_t round_id = msg["round_id"];
    auto choices = msg["choices"].get<std::vector<std::string>>();
    (void)uid;
    (void)round_id;
    (void)choices;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto msg = nlohmann::json::parse(text, nullptr, false);
    if (msg.is_discarded() || !msg.is_object() || !msg.contains("type") || !msg["type"].is_string())
        return 0;
    std::string schema = "ws_" + msg["type"].get<std::string>();
    if (!schemas().contains(schema))
        return 0;
    if (auto ok = schemas().validate(schema, msg); !ok)
        return 0;
    const std::string type = msg["type"];
    if (type == "hello")
        read_hello(msg);
    else if (type == "ballot")
        read_ballot(msg);
    return 0;
}
