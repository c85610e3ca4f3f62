#include "server/auth/auth_service.hpp"

#include "domain/shards/fleet_token.hpp"
#include "domain/throttle_address.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/fleet_token.hpp"
#include "server/fleet/revocations.hpp"

#include "store/clock.hpp"
#include "store/crypto.hpp"
#include "store/revocation_repo.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"

namespace asamblea::server {
namespace {

// A logout of a token that was not live (unknown, expired or already revoked).
domain::error session_not_valid() {
    return {domain::error_kind::unauthorized, "bad_token", "Su sesión ya no es válida.", "", 0};
}

domain::error bad_credentials() {
    return {domain::error_kind::unauthorized, "bad_credentials",
            "Usuario o contraseña incorrectos.", "", 0};
}

domain::error session_over() {
    return {domain::error_kind::unauthorized, "bad_token",
            "Su sesión venció. Inicie sesión de nuevo.", "", 0};
}

} // namespace

auth_service::auth_service(store::store& s, std::chrono::hours token_ttl)
    : store_(s), token_ttl_(token_ttl), dummy_hash_(store::hash_password(store::random_token())) {}

void auth_service::set_throttles(const domain::login_throttle::options& logins,
                                 const domain::code_throttle::options& codes) {
    std::lock_guard lock(mutex_);
    logins_ = domain::login_throttle(logins);
    codes_ = domain::code_throttle(codes);
}

void auth_service::join_fleet(const fleet* f, revocation_list* revoked) {
    fleet_ = f;
    revoked_ = revoked;
}

void auth_service::note_fleet_login(const std::string& username, const std::string& remote) {
    std::lock_guard lock(mutex_);
    logins_.record_success(username, domain::throttle_address(remote),
                           domain::login_throttle::clock::now());
}

domain::result<auth_service::session> auth_service::login(const std::string& username,
                                                          const std::string& password,
                                                          const std::string& remote) {
    auto now = domain::login_throttle::clock::now();
    const std::string address = domain::throttle_address(remote);
    {
        std::lock_guard lock(mutex_);
        auto verdict = logins_.check(username, address, now);
        if (!verdict) {
            ++logins_refused_[static_cast<std::size_t>(verdict.why)];
            auto wait = verdict.wait.count();
            return std::unexpected(domain::error{domain::error_kind::too_many, "too_many_attempts",
                                                 "Demasiados intentos fallidos. Espere " +
                                                     std::to_string(wait) +
                                                     " segundos e intente de nuevo.",
                                                 "", static_cast<long>(wait)});
        }
    }
    std::optional<store::stored_user> user;
    {
        auto db = store_.readers().acquire();
        user = store::find_user(*db, username);
    }
    bool ok = store::verify_password(password, user ? user->password_hash : dummy_hash_) && user;
    if (!ok) {
        std::lock_guard lock(mutex_);
        logins_.record_failure(username, address, domain::login_throttle::clock::now());
        return std::unexpected(bad_credentials());
    }
    {
        std::lock_guard lock(mutex_);
        logins_.record_success(username, address, domain::login_throttle::clock::now());
    }
    session s{store::random_token(), user->who};
    auto expires = store::format_utc(std::chrono::system_clock::now() + token_ttl_);
    if (fleet_) {
        // Also stored here, at home: a disabled account or a changed scope ends it at once.
        auto issued = issue_fleet_token(*fleet_, user->who, token_ttl_);
        if (issued.token.size() > domain::fleet_token_max)
            return std::unexpected(domain::error{
                domain::error_kind::invalid, "scope_too_large",
                "Su cuenta abarca demasiadas unidades para iniciar sesión en la red de "
                "servidores (a lo más unas 490). Pida una cuenta de coordinación nacional.",
                "", 0});
        s.token = issued.token;
        expires = store::format_utc(
            std::chrono::system_clock::time_point(std::chrono::seconds(issued.claims.expires_at)));
    }
    auto digest = store::sha256(s.token);
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
    if (fleet_ && domain::looks_like_fleet_token(token))
        return logout_fleet(token);
    auto digest = store::sha256(token);
    bool revoked = false;
    auto done = store_.writer().run([&](store::write_context& ctx) -> domain::status {
        revoked = store::revoke_token(ctx, digest);
        return {};
    });
    if (!done)
        return done;
    if (!revoked)
        return std::unexpected(session_not_valid());
    return {};
}

domain::result<domain::principal> auth_service::authenticate(const std::string& token,
                                                             shadow_rows rows) {
    if (token.empty())
        return std::unexpected(domain::error{domain::error_kind::unauthorized, "no_token",
                                             "Inicie sesión para continuar.", "", 0});
    if (fleet_ && domain::looks_like_fleet_token(token))
        return authenticate_fleet(token, rows);
    auto db = store_.readers().acquire();
    auto who = store::find_token(*db, store::sha256(token), store::utc_now());
    if (!who)
        return std::unexpected(domain::error{domain::error_kind::unauthorized, "bad_token",
                                             "Su sesión venció. Inicie sesión de nuevo.", "", 0});
    return *who;
}

domain::result<domain::principal> auth_service::authenticate_fleet(const std::string& token,
                                                                   shadow_rows rows) {
    auto claims = check_fleet_token(*fleet_, token, fleet_unix_now());
    if (!claims)
        return std::unexpected(claims.error());
    if (revoked_ && revoked_->revoked(store::sha256_hex(token)))
        return std::unexpected(session_over());
    if (claims->home == fleet_->self()) {
        // At home the tokens table decides too: a disabled login or a changed scope ends it.
        auto db = store_.readers().acquire();
        auto who = store::find_token(*db, store::sha256(token), store::utc_now());
        if (!who)
            return std::unexpected(session_over());
        return *who;
    }
    // Elsewhere: the token's claims, and a local shadow row for what records who acted.
    auto role = *domain::parse_role(claims->role);
    auto shadow_name = claims->username + "@" + claims->home;
    std::optional<domain::principal> shadow;
    {
        auto db = store_.readers().acquire();
        shadow = store::find_shadow_user(*db, shadow_name);
        if (shadow && (shadow->role != role ||
                       shadow->clinics != store::local_clinics_among(*db, claims->clinics)))
            shadow.reset();
    }
    std::int64_t user_id = shadow ? shadow->user_id : 0;
    if (!shadow && rows == shadow_rows::create) {
        auto saved = store_.writer().run([&](store::write_context& ctx) -> domain::status {
            user_id = store::save_shadow_user(ctx, shadow_name, role, claims->clinics);
            return {};
        });
        if (!saved)
            return std::unexpected(saved.error());
    }
    return domain::principal{user_id, claims->username, role, claims->clinics};
}

domain::status auth_service::logout_fleet(const std::string& token) {
    auto claims = check_fleet_token(*fleet_, token, fleet_unix_now());
    if (!claims)
        return std::unexpected(claims.error());
    auto hex = store::sha256_hex(token);
    if (revoked_ && revoked_->revoked(hex))
        return std::unexpected(session_not_valid());
    auto digest = store::sha256(token);
    auto expires = store::format_utc(
        std::chrono::system_clock::time_point(std::chrono::seconds(claims->expires_at)));
    bool at_home = claims->home == fleet_->self();
    bool revoked = true;
    auto done = store_.writer().run([&](store::write_context& ctx) -> domain::status {
        // At home the token's row is marked (which lists it); elsewhere only the list, which
        // every shard pulls.
        if (at_home)
            revoked = store::revoke_token(ctx, digest);
        else
            store::add_revocation(ctx, digest, expires);
        return {};
    });
    if (!done)
        return done;
    if (!revoked)
        return std::unexpected(session_not_valid());
    // This shard refuses it from now on; the others within one pull interval.
    if (revoked_)
        revoked_->add(hex, claims->expires_at);
    return {};
}

domain::status auth_service::check_code(const std::string& clues, const std::string& remote,
                                        const std::string& code_key) {
    const std::string address = domain::throttle_address(remote);
    std::lock_guard lock(mutex_);
    auto now = domain::code_throttle::clock::now();
    auto verdict = codes_.budget(clues, address, now);
    if (!verdict && codes_.admitted_before(clues, address, code_key, now)) {
        ++codes_exempt_; // a phone coming back: never held back by others' guesses
        return {};
    }
    if (verdict)
        return {};
    ++codes_refused_[static_cast<std::size_t>(verdict.why)];
    auto wait = verdict.wait.count();
    std::string where =
        verdict.why == domain::code_throttle::reason::clinic ? "en esta clínica" : "desde esta red";
    return std::unexpected(domain::error{domain::error_kind::too_many, "too_many_attempts",
                                         "Demasiados códigos incorrectos " + where + ". Espere " +
                                             std::to_string(wait) + " segundos e intente de nuevo.",
                                         "", static_cast<long>(wait)});
}

void auth_service::record_code(const std::string& clues, const std::string& remote,
                               const std::string& code_key, code_outcome outcome) {
    const std::string address = domain::throttle_address(remote);
    std::lock_guard lock(mutex_);
    auto now = domain::code_throttle::clock::now();
    if (outcome == code_outcome::unknown)
        codes_.record_unknown(clues, address, now);
    else if (outcome == code_outcome::admitted)
        codes_.record_admitted(clues, address, code_key, now);
}

std::string auth_service::metrics_text() const {
    auto now = domain::login_throttle::clock::now();
    std::lock_guard lock(mutex_);
    auto logins = logins_.count(now);
    auto codes = codes_.count(now);
    auto n = [](auto v) { return std::to_string(v); };
    std::string out;
    out += "# HELP asamblea_login_refused_total Logins refused before checking the password, by "
           "throttle.\n# TYPE asamblea_login_refused_total counter\n";
    for (auto r : {domain::login_throttle::reason::pair, domain::login_throttle::reason::account,
                   domain::login_throttle::reason::address})
        out += "asamblea_login_refused_total{reason=\"" + std::string(domain::to_label(r)) +
               "\"} " + n(logins_refused_[static_cast<std::size_t>(r)]) + "\n";
    out += "# HELP asamblea_code_refused_total Voter codes refused before the lookup, by "
           "throttle.\n# TYPE asamblea_code_refused_total counter\n";
    for (auto r : {domain::code_throttle::reason::address, domain::code_throttle::reason::clinic})
        out += "asamblea_code_refused_total{reason=\"" + std::string(domain::to_label(r)) + "\"} " +
               n(codes_refused_[static_cast<std::size_t>(r)]) + "\n";
    out += "# HELP asamblea_code_throttle_exempt_total Voter codes let in past a spent budget "
           "because they had got in from there before.\n"
           "# TYPE asamblea_code_throttle_exempt_total counter\n"
           "asamblea_code_throttle_exempt_total " +
           n(codes_exempt_) + "\n";
    auto gauge_line = [&](const char* name, const char* table, std::size_t v) {
        return std::string(name) + "{table=\"" + table + "\"} " + n(v) + "\n";
    };
    out += "# HELP asamblea_throttled_keys Throttle keys refusing now, by table.\n"
           "# TYPE asamblea_throttled_keys gauge\n";
    out += gauge_line("asamblea_throttled_keys", "login_pair", logins.pair.throttled);
    out += gauge_line("asamblea_throttled_keys", "login_account", logins.account.throttled);
    out += gauge_line("asamblea_throttled_keys", "login_address", logins.address.throttled);
    out += gauge_line("asamblea_throttled_keys", "code_address", codes.address.throttled);
    out += gauge_line("asamblea_throttled_keys", "code_clinic", codes.clinic.throttled);
    out += "# HELP asamblea_throttle_keys Entries held by each throttle table (bounded).\n"
           "# TYPE asamblea_throttle_keys gauge\n";
    out += gauge_line("asamblea_throttle_keys", "login_pair", logins.pair.keys);
    out += gauge_line("asamblea_throttle_keys", "login_account", logins.account.keys);
    out += gauge_line("asamblea_throttle_keys", "login_address", logins.address.keys);
    out += gauge_line("asamblea_throttle_keys", "login_known", logins.known);
    out += gauge_line("asamblea_throttle_keys", "code_address", codes.address.keys);
    out += gauge_line("asamblea_throttle_keys", "code_clinic", codes.clinic.keys);
    out += gauge_line("asamblea_throttle_keys", "code_admitted", codes.admitted);
    return out;
}

} // namespace asamblea::server
