#include "server/ws/ws_message.hpp"

#include "server/schema_registry.hpp"
#include "server/ws/ballot_shape.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {
namespace {

hello_message read_hello(const nlohmann::json& msg) {
    hello_message hello;
    if (msg.contains("credential"))
        hello.credential = msg["credential"].get<std::string>();
    else if (msg.contains("token"))
        hello.token = msg["token"].get<std::string>();
    hello.version = msg.value("version", std::uint64_t{0});
    hello.pending_round_id = msg.value("pending_round_id", std::int64_t{0});
    hello.pending_ballot_id = msg.value("pending_ballot_id", std::string());
    hello.hidden = msg.value("hidden", false);
    return hello;
}

ballot_message read_ballot(const nlohmann::json& msg) {
    return {msg["ballot_id"].get<std::string>(), msg["round_id"].get<std::int64_t>(),
            msg["choices"].get<std::vector<std::string>>()};
}

} // namespace

domain::result<ws_message> read_ws_message(const schema_registry& schemas, std::string_view text) {
    // A plain ballot is read at once (ballot_shape); anything else, or any doubt, is read whole
    // and meets the schema.
    if (auto ballot = read_plain_ballot(text))
        return std::move(*ballot);
    auto msg = nlohmann::json::parse(text, nullptr, false);
    if (msg.is_discarded() || !msg.is_object() || !msg.contains("type") || !msg["type"].is_string())
        return domain::fail(domain::error_kind::invalid, "bad_message",
                            "El mensaje no es JSON válido con un campo «type».");
    const std::string type = msg["type"].get<std::string>();
    const std::string schema = "ws_" + type;
    if (!schemas.contains(schema))
        return domain::fail(domain::error_kind::invalid, "unknown_type",
                            "Tipo de mensaje desconocido.", "type");
    if (auto ok = schemas.validate(schema, msg); !ok)
        return std::unexpected(ok.error());
    if (type == "hello")
        return read_hello(msg);
    if (type == "ballot")
        return read_ballot(msg);
    if (type == "ping")
        return ping_message{};
    if (type == "visibility")
        return visibility_message{msg["hidden"].get<bool>()};
    // A schema without a reader here is a programming error the tests catch (ws_message_test).
    return domain::fail(domain::error_kind::invalid, "unknown_type", "Tipo de mensaje desconocido.",
                        "type");
}

} // namespace asamblea::server
