#pragma once
/// Staff login with argon2id passwords, hashed bearer tokens, and throttled wrong guesses.

#include "domain/code_throttle.hpp"
#include "domain/error.hpp"
#include "domain/login_throttle.hpp"
#include "domain/staff.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace asamblea::store {
class store;
}

namespace asamblea::server {

class fleet;
class revocation_list;

class auth_service {
public:
    struct session {
        std::string token;
        domain::principal who;
    };

    explicit auth_service(store::store& s, std::chrono::hours token_ttl = std::chrono::hours(12));

    /// Replaces the guessing budgets (server_config), forgetting what the throttles held.
    void set_throttles(const domain::login_throttle::options& logins,
                       const domain::code_throttle::options& codes);

    /// In a fleet, tokens become fleet tokens (server/fleet/fleet_token) that every shard of the
    /// map accepts, refused once `revoked` lists them (docs/architecture.md «One login for the
    /// fleet»). Call before serving; both outlive this service.
    void join_fleet(const fleet* f, revocation_list* revoked);

    /// A login another shard checked (POST /api/fleet/login) after this one refused it: the
    /// failure this shard counted for the name and address is forgiven.
    void note_fleet_login(const std::string& username, const std::string& remote);

    /// Checks the password (slowly, by design) and issues a token; throttled per account and
    /// address (domain::login_throttle), so a stranger's failures do not lock the user out.
    domain::result<session> login(const std::string& username, const std::string& password,
                                  const std::string& remote);
    /// Revokes the token; unauthorized when it was not a live token.
    domain::status logout(const std::string& token);
    /// Whether a fleet token of another home may write its shadow row (a write on the store's
    /// writer): not where nothing is recorded and the caller must not wait (a WebSocket hello on
    /// an io thread), which gets user id 0 until a request has made the row.
    enum class shadow_rows { create, skip };
    /// The principal behind a bearer token.
    domain::result<domain::principal> authenticate(const std::string& token,
                                                   shadow_rows rows = shadow_rows::create);

    /// Voter codes are short: unknown ones spend a budget per address and clinic and one per
    /// clinic (domain::code_throttle); past it, too_many. `code_key` is the code's keyed hash; a
    /// code that already got in from this address and clinic is never throttled.
    domain::status check_code(const std::string& clues, const std::string& remote,
                              const std::string& code_key);
    /// After the lookup: `admitted` when the code named an active credential, `unknown` when it
    /// named none (a guess); neither for a revoked one.
    enum class code_outcome { admitted, unknown, other };
    void record_code(const std::string& clues, const std::string& remote,
                     const std::string& code_key, code_outcome outcome);

    /// The throttles' counters and table sizes in the Prometheus text format (for /metrics).
    std::string metrics_text() const;

private:
    domain::result<domain::principal> authenticate_fleet(const std::string& token,
                                                         shadow_rows rows);
    domain::status logout_fleet(const std::string& token);

    store::store& store_;
    const fleet* fleet_ = nullptr;
    revocation_list* revoked_ = nullptr;
    std::chrono::hours token_ttl_;
    mutable std::mutex mutex_;
    domain::login_throttle logins_;
    domain::code_throttle codes_;
    std::array<std::uint64_t, 4> logins_refused_{}; // by login_throttle::reason
    std::array<std::uint64_t, 3> codes_refused_{};  // by code_throttle::reason
    std::uint64_t codes_exempt_ = 0; // admitted past a spent budget: they had got in before
    std::string dummy_hash_;         // verified against for unknown users so timing does not tell
};

} // namespace asamblea::server
