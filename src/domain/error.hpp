#pragma once
/// Errors as values: every fallible domain operation returns result<T>, mapped to a status in one
/// place.

#include <expected>
#include <string>
#include <utility>

namespace asamblea::domain {

/// What kind of failure this is; the server maps each kind to one HTTP status.
enum class error_kind {
    invalid,           // malformed or out-of-range input (400)
    unauthorized,      // no or bad credentials (401)
    forbidden,         // authenticated but not allowed here (403)
    not_found,         // the thing does not exist (404)
    conflict,          // duplicate or wrong state (409)
    not_allowed,       // the path exists, the method does not (405)
    too_large,         // body or message over its limit (413)
    unsupported_media, // a file of a type that is not accepted (415)
    headers_too_large, // request headers over their limit (431)
    misdirected,       // another shard serves this clinic (421; field: that shard's name)
    too_many,          // rate limited or queue full (429)
    unavailable,       // shutting down or overloaded (503)
    internal,          // a bug or an I/O failure (500)
};

/// A failure with a stable machine code, a Spanish message for people, and the offending field.
struct error {
    error_kind kind = error_kind::internal;
    std::string code;
    std::string message;
    std::string field;            // internal: what went wrong, for the log only, never sent
    long retry_after_seconds = 0; // for too_many: when trying again makes sense
    long retry_after_ms = 0;      // a shed ballot: when its phone sends it again (WebSocket)
};

template <class T> using result = std::expected<T, error>;
using status = std::expected<void, error>;

inline std::unexpected<error> fail(error_kind kind, std::string code, std::string message,
                                   std::string field = {}) {
    return std::unexpected(error{kind, std::move(code), std::move(message), std::move(field)});
}

} // namespace asamblea::domain
