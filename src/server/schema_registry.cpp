#include "server/schema_registry.hpp"

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace asamblea::server {
namespace {

// valijson names a property in context as "[name]"; the field we report is the deepest one.
std::string field_of(const std::vector<std::string>& context) {
    std::string field;
    for (const auto& part : context)
        if (part.size() > 2 && part.front() == '[' && part.back() == ']') {
            std::string inner = part.substr(1, part.size() - 2);
            if (inner.size() >= 2 && inner.front() == '"')
                inner = inner.substr(1, inner.size() - 2);
            field = field.empty() ? inner : field + "." + inner;
        }
    return field;
}

std::string missing_property(const std::string& description) {
    constexpr std::string_view prefix = "Missing required property '";
    if (!description.starts_with(prefix))
        return {};
    auto end = description.find('\'', prefix.size());
    return description.substr(prefix.size(), end - prefix.size());
}

} // namespace

schema_registry::schema_registry(const std::string& dir) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(dir))
        throw std::runtime_error("schema folder not found: " + dir);
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json")
            continue;
        std::ifstream in(entry.path());
        auto doc = nlohmann::json::parse(in);
        auto schema = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        parser.populateSchema(adapter, *schema);
        schemas_.emplace(entry.path().stem().string(), std::move(schema));
    }
}

schema_registry::~schema_registry() = default;

domain::status schema_registry::validate(const std::string& name, const nlohmann::json& doc) const {
    auto it = schemas_.find(name);
    if (it == schemas_.end())
        throw std::logic_error("unknown schema " + name);
    // One validator per thread: it caches the compiled std::regex of every `pattern`, which a
    // fresh validator would compile again for each message (a tenth of the server's CPU).
    thread_local valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(doc);
    if (validator.validate(*it->second, target, &results))
        return {};
    // Report the most specific error: the last one valijson recorded is the innermost.
    valijson::ValidationResults::Error first;
    std::string missing;
    std::string field;
    for (const auto& e : results) {
        if (auto m = missing_property(e.description); !m.empty() && missing.empty()) {
            missing = m;
            field = field_of(e.context);
            field = field.empty() ? m : field + "." + m;
        }
    }
    if (!missing.empty())
        return domain::fail(domain::error_kind::invalid, "missing_field",
                            "Falta el dato «" + field + "».", field);
    for (const auto& e : results) {
        auto f = field_of(e.context);
        if (f.size() >= field.size())
            field = f;
    }
    if (field.empty())
        return domain::fail(domain::error_kind::invalid, "invalid_body",
                            "La solicitud no tiene la forma esperada.");
    return domain::fail(domain::error_kind::invalid, "invalid_field",
                        "El dato «" + field + "» no es válido.", field);
}

domain::result<nlohmann::json> parse_body(const schema_registry& schemas, const std::string& name,
                                          const std::string& body) {
    auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded())
        return domain::fail(domain::error_kind::invalid, "bad_json",
                            "El cuerpo de la solicitud no es JSON válido.");
    if (auto ok = schemas.validate(name, doc); !ok)
        return std::unexpected(ok.error());
    return doc;
}

} // namespace asamblea::server
