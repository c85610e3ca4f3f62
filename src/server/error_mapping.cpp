#include "server/error_mapping.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <iostream>
#include <random>
#include <sstream>

namespace asamblea::server {
namespace {

// Unique within a run (a counter) and across restarts (a random prefix).
std::string next_error_id() {
    static const std::string prefix = [] {
        std::ostringstream out;
        out << std::hex << (std::random_device{}() & 0xffffffu);
        return out.str();
    }();
    static std::atomic<std::uint64_t> counter{0};
    return prefix + "-" + std::to_string(++counter);
}

void log_internal(const domain::error& e, const std::string& id) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    nlohmann::json line = {
        {"level", "error"},
        {"error_id", id},
        {"code", e.code},
        {"detail", e.field},
        {"ts_ms", std::chrono::duration_cast<std::chrono::milliseconds>(now).count()}};
    // One write of one line, so lines from several threads do not interleave.
    std::cerr << (line.dump() + "\n") << std::flush;
}

} // namespace

unsigned status_for(domain::error_kind kind) {
    using k = domain::error_kind;
    switch (kind) {
    case k::invalid:
        return 400;
    case k::unauthorized:
        return 401;
    case k::forbidden:
        return 403;
    case k::not_found:
        return 404;
    case k::not_allowed:
        return 405;
    case k::conflict:
        return 409;
    case k::too_large:
        return 413;
    case k::unsupported_media:
        return 415;
    case k::headers_too_large:
        return 431;
    case k::misdirected:
        return 421;
    case k::too_many:
        return 429;
    case k::unavailable:
        return 503;
    case k::internal:
        return 500;
    }
    return 500;
}

nlohmann::json error_body(const domain::error& e) {
    nlohmann::json body = {{"error", e.code}, {"message", e.message}};
    if (e.kind == domain::error_kind::internal) {
        auto id = next_error_id();
        log_internal(e, id);
        body["error_id"] = id;
    } else if (e.kind == domain::error_kind::misdirected) {
        body["shard"] = e.field; // the shard that serves the clinic (domain::shard_map)
    } else if (!e.field.empty()) {
        body["field"] = e.field;
    }
    // A shed ballot (domain/ballot_shedding): when the phone sends it again.
    if (e.retry_after_ms > 0)
        body["retry_after_ms"] = e.retry_after_ms;
    return body;
}

} // namespace asamblea::server
