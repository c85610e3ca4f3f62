#pragma once
/// Slows down password guessing without locking the real user out: failures per account and
/// address earn a growing wait for that pair only; an account and an address each have a larger
/// hourly budget of failures (a distributed guesser, a sprayer), which never applies to an
/// address the account has logged in from.

#include "domain/throttle_table.hpp"
#include "domain/token_bucket.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// Pure bookkeeping with the clock passed in, so it is testable; the caller serializes access.
class login_throttle {
public:
    using clock = std::chrono::steady_clock;

    struct options {
        // One account from one address: free failures, then a wait that doubles up to max_wait.
        unsigned pair_free_failures = 5;
        std::chrono::seconds pair_base_wait{2};
        std::chrono::seconds pair_max_wait{300};
        std::chrono::seconds pair_forget_after{900}; // a quiet pair starts over
        // One account from every address: 200 failures at once, refilling at 200 an hour.
        token_rule account{200, std::chrono::seconds{3600}};
        // One address against every account: 60 failures at once, refilling at 60 an hour.
        token_rule address{60, std::chrono::seconds{3600}};
        // An address the account logged in from is exempt from both budgets this long.
        std::chrono::seconds known_for{std::chrono::hours{24 * 30}};
        std::size_t max_keys = 50'000; // per table; the least recently used is dropped first
    };

    enum class reason { none, pair, account, address };
    struct verdict {
        reason why = reason::none;
        std::chrono::seconds wait{0};
        explicit operator bool() const { return why == reason::none; } // allowed
    };

    login_throttle() : login_throttle(options{}) {}
    explicit login_throttle(options opts);

    /// Whether `account` may try a password from `address` now, and if not why and how long.
    verdict check(const std::string& account, const std::string& address,
                  clock::time_point now) const;
    void record_failure(const std::string& account, const std::string& address,
                        clock::time_point now);
    /// Clears the pair's failures and remembers the address as the account's own.
    void record_success(const std::string& account, const std::string& address,
                        clock::time_point now);

    using table_stats = throttle_table_stats;
    struct stats {
        table_stats pair, account, address;
        std::size_t known = 0;
    };
    stats count(clock::time_point now) const;

private:
    struct backoff {
        unsigned failures = 0;
        clock::time_point blocked_until{};
    };
    struct known_pair {};
    static std::string pair_key(std::string_view account, std::string_view address);

    options opts_;
    throttle_table<backoff> pairs_;
    throttle_table<token_bucket> accounts_;
    throttle_table<token_bucket> addresses_;
    throttle_table<known_pair> known_;
};

/// The label of a reason in metrics: "pair", "account", "address" ("" for none).
std::string_view to_label(login_throttle::reason r);

} // namespace asamblea::domain
