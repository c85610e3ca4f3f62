#pragma once
/// JSON Schemas from schemas/, compiled once; every REST body and WebSocket message is checked
/// here.

#include "domain/error.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <memory>
#include <string>

namespace valijson {
class Schema;
}

namespace asamblea::server {

class schema_registry {
public:
    /// Loads every *.json in dir, keyed by file name without extension; throws on a bad schema.
    explicit schema_registry(const std::string& dir);
    ~schema_registry();

    /// Checks the document; the error names the first offending field in Spanish.
    domain::status validate(const std::string& name, const nlohmann::json& doc) const;

    bool contains(const std::string& name) const { return schemas_.contains(name); }

private:
    std::map<std::string, std::unique_ptr<valijson::Schema>> schemas_;
};

/// Parses a request body as JSON and validates it against a named schema.
domain::result<nlohmann::json> parse_body(const schema_registry& schemas, const std::string& name,
                                          const std::string& body);

} // namespace asamblea::server
