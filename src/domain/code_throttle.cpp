#include "domain/code_throttle.hpp"

namespace asamblea::domain {
namespace {

// An address never holds a '\n', so these keys cannot be confused with each other.
std::string code_address_key(std::string_view address, std::string_view clinic) {
    std::string key(address);
    key += '\n';
    key += clinic;
    return key;
}

// The admitted triples are many (one per phone that got in), so the table keeps 8 bytes of a
// hash of each rather than the text (admitted_codes). A collision (about one in 10^9 with the
// table full) would only let one guess skip the budgets, and the code key is a keyed hash that
// no guesser can aim at.
std::uint64_t code_admitted_key(std::string_view address, std::string_view clinic,
                                std::string_view code_key) {
    std::string text = code_address_key(address, clinic);
    text += '\n';
    text += code_key;
    return std::hash<std::string>{}(text);
}

} // namespace

code_throttle::code_throttle(options opts)
    : opts_(opts), addresses_(opts.max_keys, opts.address.forget_after()),
      clinics_(opts.max_keys, opts.clinic.forget_after()),
      admitted_(opts.max_admitted, opts.remember_admitted) {}

code_throttle::verdict code_throttle::check(const std::string& clinic, const std::string& address,
                                            const std::string& code_key,
                                            clock::time_point now) const {
    if (admitted_before(clinic, address, code_key, now))
        return {};
    return budget(clinic, address, now);
}

code_throttle::verdict code_throttle::budget(const std::string& clinic, const std::string& address,
                                             clock::time_point now) const {
    verdict v;
    if (const auto* b = addresses_.find(code_address_key(address, clinic), now))
        if (auto wait = b->wait(opts_.address, now); wait > v.wait)
            v = {reason::address, wait};
    if (const auto* b = clinics_.find(clinic, now))
        if (auto wait = b->wait(opts_.clinic, now); wait > v.wait)
            v = {reason::clinic, wait};
    return v;
}

bool code_throttle::admitted_before(const std::string& clinic, const std::string& address,
                                    const std::string& code_key, clock::time_point now) const {
    return admitted_.contains(code_admitted_key(address, clinic, code_key), now);
}

void code_throttle::record_unknown(const std::string& clinic, const std::string& address,
                                   clock::time_point now) {
    addresses_.touch(code_address_key(address, clinic), now).take(opts_.address, now);
    clinics_.touch(clinic, now).take(opts_.clinic, now);
}

void code_throttle::record_admitted(const std::string& clinic, const std::string& address,
                                    const std::string& code_key, clock::time_point now) {
    admitted_.touch(code_admitted_key(address, clinic, code_key), now);
}

code_throttle::stats code_throttle::count(clock::time_point now) const {
    stats s;
    s.address = count_refusing(addresses_, opts_.address, now);
    s.clinic = count_refusing(clinics_, opts_.clinic, now);
    s.admitted = admitted_.size();
    return s;
}

std::string_view to_label(code_throttle::reason r) {
    switch (r) {
    case code_throttle::reason::address:
        return "address";
    case code_throttle::reason::clinic:
        return "clinic";
    case code_throttle::reason::none:
        break;
    }
    return "";
}

} // namespace asamblea::domain
