#pragma once
/// Slows down guessing of voter credential codes without blocking honest phones behind the same
/// address: unknown codes spend a generous budget per (address, clinic) and a larger one per
/// clinic; a code that already got in from this address and clinic is never throttled.

#include "domain/admitted_codes.hpp"
#include "domain/throttle_table.hpp"
#include "domain/token_bucket.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// Pure bookkeeping with the clock passed in, so it is testable; the caller serializes access.
class code_throttle {
public:
    using clock = std::chrono::steady_clock;

    struct options {
        // Unknown codes from one address for one clinic: 300 at once, refilling at 300 an hour.
        token_rule address{300, std::chrono::seconds{3600}};
        // Unknown codes for one clinic from every address: 2,000 at once, 2,000 an hour.
        token_rule clinic{2000, std::chrono::seconds{3600}};
        // A code that got in is remembered for its address and clinic this long (a reconnect).
        std::chrono::seconds remember_admitted{std::chrono::hours{12}};
        std::size_t max_keys = 50'000;      // per budget table; least recently used dropped first
        std::size_t max_admitted = 250'000; // admitted (clinic, address, code) triples
    };

    enum class reason { none, address, clinic };
    struct verdict {
        reason why = reason::none;
        std::chrono::seconds wait{0};
        explicit operator bool() const { return why == reason::none; } // allowed
    };

    code_throttle() : code_throttle(options{}) {}
    explicit code_throttle(options opts);

    /// Whether a code (`code_key`: its keyed hash, never the code) may be tried for `clinic`
    /// from `address` now. A code admitted from there before is always allowed.
    verdict check(const std::string& clinic, const std::string& address,
                  const std::string& code_key, clock::time_point now) const;
    /// The budgets alone, as for a code never admitted.
    verdict budget(const std::string& clinic, const std::string& address,
                   clock::time_point now) const;
    /// A code that matched no credential.
    void record_unknown(const std::string& clinic, const std::string& address,
                        clock::time_point now);
    /// A code that matched a credential: its reconnects from here are never throttled.
    void record_admitted(const std::string& clinic, const std::string& address,
                         const std::string& code_key, clock::time_point now);
    /// Whether this code got in for `clinic` from `address` in the last `remember_admitted`.
    bool admitted_before(const std::string& clinic, const std::string& address,
                         const std::string& code_key, clock::time_point now) const;

    using table_stats = throttle_table_stats;
    struct stats {
        table_stats address, clinic;
        std::size_t admitted = 0;
    };
    stats count(clock::time_point now) const;

private:
    options opts_;
    throttle_table<token_bucket> addresses_; // key: address '\n' clinic
    throttle_table<token_bucket> clinics_;
    admitted_codes admitted_; // key: a hash of address '\n' clinic '\n' code key
};

/// The label of a reason in metrics: "address", "clinic" ("" for none).
std::string_view to_label(code_throttle::reason r);

} // namespace asamblea::domain
