#include "server/auth/credential_issuer.hpp"

#include "domain/assembly/credential_code.hpp"
#include "server/auth/voter_auth.hpp"
#include "server/views/qr_svg.hpp"
#include "store/crypto.hpp"

#include <sodium.h>

#include <array>

namespace asamblea::server {

domain::result<issued_credential> mint_credential(const store::store& s, const std::string& clues,
                                                  const std::string& origin) {
    store::crypto_init();
    std::array<unsigned char, domain::credential_code_length> random{};
    randombytes_buf(random.data(), random.size());
    issued_credential c;
    c.code = domain::make_credential_code(random);
    c.hash = credential_hash(s, c.code);
    c.display = domain::display_credential_code(c.code);
    // The code travels in the fragment, which browsers never send to a server or put in logs.
    c.url = "/c/" + clues + "/votar#" + c.code;
    auto svg = qr_svg(origin + c.url);
    if (!svg)
        return std::unexpected(svg.error());
    c.qr_svg = std::move(*svg);
    return c;
}

} // namespace asamblea::server
