#include "server/auth/auth_service.hpp"

#include "store/clock.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"

namespace asamblea::server {
namespace {

domain::login_throttle::options address_options() {
    domain::login_throttle::options o;
    o.free_failures = 20; // a clinic's staff may share one public address
    return o;
}

domain::login_throttle::options code_guess_options() {
    domain::login_throttle::options o;
    o.free_failures = 30; // a whole clinic may reach us through one address, and people mistype
    o.max_wait = std::chrono::seconds(60);
    return o;
}

domain::error bad_credentials() {
    return {domain::error_kind::unauthorized, "bad_credentials",
            "Usuario o contraseña incorrectos.", "", 0};
}

} // namespace

auth_service::auth_service(store::store& s, std::chrono::hours token_ttl)
    : store_(s), token_ttl_(token_ttl), by_address_(address_options()),
      code_guesses_(code_guess_options()),
      dummy_hash_(store::hash_password(store::random_token())) {}

domain::result<auth_service::session> auth_service::login(const std::string& username,
                                                          const std::string& password,
                                                          const std::string& remote) {
    const std::string account_key = "user:" + username;
    const std::string address_key = "ip:" + remote;
    auto now = domain::login_throttle::clock::now();
    {
        std::lock_guard lock(mutex_);
        auto wait = std::max(by_account_.wait_for(account_key, now),
                             by_address_.wait_for(address_key, now));
        if (wait.count() > 0)
            return std::unexpected(domain::error{domain::error_kind::too_many, "too_many_attempts",
                                                 "Demasiados intentos fallidos. Espere " +
                                                     std::to_string(wait.count()) +
                                                     " segundos e intente de nuevo.",
                                                 "", static_cast<long>(wait.count())});
    }
    std::optional<store::stored_user> user;
    {
        auto db = store_.readers().acquire();
        user = store::find_user(*db, username);
    }
    bool ok = store::verify_password(password, user ? user->password_hash : dummy_hash_) && user;
    if (!ok) {
        std::lock_guard lock(mutex_);
        by_account_.record_failure(account_key, now);
        by_address_.record_failure(address_key, now);
        return std::unexpected(bad_credentials());
    }
    {
        std::lock_guard lock(mutex_);
        by_account_.record_success(account_key);
    }
    session s{store::random_token(), user->who};
    auto digest = store::sha256(s.token);
    auto expires = store::format_utc(std::chrono::system_clock::now() + token_ttl_);
    auto user_id = user->who.user_id;
    auto saved = store_.writer().run([&](store::write_context& ctx) -> domain::status {
        store::insert_token(ctx, user_id, digest, expires);
        return {};
    });
    if (!saved)
        return std::unexpected(saved.error());
    return s;
}

domain::status auth_service::logout(const std::string& token) {
    if (token.empty())
        return std::unexpected(domain::error{domain::error_kind::unauthorized, "no_token",
                                             "Inicie sesión primero.", "", 0});
    auto digest = store::sha256(token);
    bool revoked = false;
    auto done = store_.writer().run([&](store::write_context& ctx) -> domain::status {
        revoked = store::revoke_token(ctx, digest);
        return {};
    });
    if (!done)
        return done;
    if (!revoked)
        return std::unexpected(domain::error{domain::error_kind::unauthorized, "bad_token",
                                             "Su sesión ya no es válida.", "", 0});
    return {};
}

domain::result<domain::principal> auth_service::authenticate(const std::string& token) {
    if (token.empty())
        return std::unexpected(domain::error{domain::error_kind::unauthorized, "no_token",
                                             "Inicie sesión para continuar.", "", 0});
    auto db = store_.readers().acquire();
    auto who = store::find_token(*db, store::sha256(token), store::utc_now());
    if (!who)
        return std::unexpected(domain::error{domain::error_kind::unauthorized, "bad_token",
                                             "Su sesión venció. Inicie sesión de nuevo.", "", 0});
    return *who;
}

domain::status auth_service::check_code_guessing(const std::string& remote) {
    std::lock_guard lock(mutex_);
    auto wait = code_guesses_.wait_for("ip:" + remote, domain::login_throttle::clock::now());
    if (wait.count() > 0)
        return std::unexpected(
            domain::error{domain::error_kind::too_many, "too_many_attempts",
                          "Demasiados códigos incorrectos desde esta red. Espere " +
                              std::to_string(wait.count()) + " segundos e intente de nuevo.",
                          "", static_cast<long>(wait.count())});
    return {};
}

void auth_service::record_code_attempt(const std::string& remote, bool recognized) {
    std::lock_guard lock(mutex_);
    if (!recognized)
        code_guesses_.record_failure("ip:" + remote, domain::login_throttle::clock::now());
}

} // namespace asamblea::server
