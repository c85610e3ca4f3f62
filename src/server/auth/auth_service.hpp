#pragma once
/// Staff login with argon2id passwords, hashed bearer tokens, and throttled wrong guesses.

#include "domain/error.hpp"
#include "domain/login_throttle.hpp"
#include "domain/staff.hpp"

#include <chrono>
#include <mutex>
#include <string>

namespace asamblea::store {
class store;
}

namespace asamblea::server {

class auth_service {
public:
    struct session {
        std::string token;
        domain::principal who;
    };

    explicit auth_service(store::store& s, std::chrono::hours token_ttl = std::chrono::hours(12));

    /// Checks the password (slowly, by design) and issues a token; throttled per account and
    /// address.
    domain::result<session> login(const std::string& username, const std::string& password,
                                  const std::string& remote);
    /// Revokes the token; unauthorized when it was not a live token.
    domain::status logout(const std::string& token);
    /// The principal behind a bearer token.
    domain::result<domain::principal> authenticate(const std::string& token);

    /// Voter codes are short: an address that keeps sending wrong ones must wait (too_many).
    domain::status check_code_guessing(const std::string& remote);
    void record_code_attempt(const std::string& remote, bool recognized);

private:
    store::store& store_;
    std::chrono::hours token_ttl_;
    std::mutex mutex_;
    domain::login_throttle by_account_;
    domain::login_throttle by_address_;
    domain::login_throttle code_guesses_; // wrong voter codes per address
    std::string dummy_hash_; // verified against for unknown users so timing does not tell
};

} // namespace asamblea::server
