#include "domain/login_throttle.hpp"

#include <algorithm>

namespace asamblea::domain {

login_throttle::login_throttle(options opts)
    : opts_(opts), pairs_(opts.max_keys, std::max(opts.pair_forget_after, opts.pair_max_wait)),
      accounts_(opts.max_keys, opts.account.forget_after()),
      addresses_(opts.max_keys, opts.address.forget_after()),
      known_(opts.max_keys, opts.known_for) {}

std::string login_throttle::pair_key(std::string_view account, std::string_view address) {
    // The address first: it never holds a '\n', so no user name can pass for another pair.
    std::string key(address);
    key += '\n';
    key += account;
    return key;
}

login_throttle::verdict login_throttle::check(const std::string& account,
                                              const std::string& address,
                                              clock::time_point now) const {
    verdict v;
    auto consider = [&](reason why, std::chrono::seconds wait) {
        if (wait > v.wait)
            v = {why, wait};
    };
    auto key = pair_key(account, address);
    if (const auto* p = pairs_.find(key, now); p && p->blocked_until > now)
        consider(reason::pair, std::chrono::ceil<std::chrono::seconds>(p->blocked_until - now));
    if (known_.find(key, now))
        return v;
    if (const auto* b = accounts_.find(account, now))
        consider(reason::account, b->wait(opts_.account, now));
    if (const auto* b = addresses_.find(address, now))
        consider(reason::address, b->wait(opts_.address, now));
    return v;
}

void login_throttle::record_failure(const std::string& account, const std::string& address,
                                    clock::time_point now) {
    auto& p = pairs_.touch(pair_key(account, address), now);
    ++p.failures;
    if (p.failures > opts_.pair_free_failures) {
        unsigned doublings = std::min(p.failures - opts_.pair_free_failures - 1, 16U);
        auto wait = std::min<std::chrono::seconds>(opts_.pair_base_wait * (1LL << doublings),
                                                   opts_.pair_max_wait);
        p.blocked_until = now + wait;
    }
    accounts_.touch(account, now).take(opts_.account, now);
    addresses_.touch(address, now).take(opts_.address, now);
}

void login_throttle::record_success(const std::string& account, const std::string& address,
                                    clock::time_point now) {
    auto key = pair_key(account, address);
    pairs_.erase(key);
    known_.touch(key, now);
}

login_throttle::stats login_throttle::count(clock::time_point now) const {
    stats s;
    s.pair = count_refusing(pairs_, now, [&](const backoff& b) { return b.blocked_until > now; });
    s.account = count_refusing(accounts_, opts_.account, now);
    s.address = count_refusing(addresses_, opts_.address, now);
    s.known = known_.size();
    return s;
}

std::string_view to_label(login_throttle::reason r) {
    switch (r) {
    case login_throttle::reason::pair:
        return "pair";
    case login_throttle::reason::account:
        return "account";
    case login_throttle::reason::address:
        return "address";
    case login_throttle::reason::none:
        break;
    }
    return "";
}

} // namespace asamblea::domain
