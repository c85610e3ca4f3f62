#include "store/crypto.hpp"

#include "domain/assembly/credential_code.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace asamblea::store {

void crypto_init() {
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialize");
}

std::array<unsigned char, 32> sha256(std::string_view bytes) {
    std::array<unsigned char, 32> out{};
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size());
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    auto digest = sha256(bytes);
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

std::string random_token(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                      raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

std::string random_code() {
    std::array<unsigned char, domain::credential_code_length> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return domain::make_credential_code(bytes);
}

std::string hash_password(std::string_view password) {
    crypto_init();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
    crypto_init();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

secret_key load_key(const std::string& path) {
    crypto_init();
    secret_key key{};
    std::ifstream in{path, std::ios::binary};
    if (!in)
        throw std::runtime_error("cannot read key file " + path);
    in.read(reinterpret_cast<char*>(key.data()), key.size());
    if (in.gcount() != static_cast<std::streamsize>(key.size()) || in.peek() != EOF)
        throw std::runtime_error("key file " + path + " is not 32 bytes");
    return key;
}

secret_key create_key(const std::string& path) {
    crypto_init();
    secret_key key{};
    randombytes_buf(key.data(), key.size());
    // 0600 from its creation: never a moment with the umask's mode.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        throw std::runtime_error("cannot create key file " + path);
    bool written =
        ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(path.c_str()); // a half key would be read as a key next time
        throw std::runtime_error("cannot write key file " + path);
    }
    return key;
}

secret_key load_or_create_key(const std::string& path) {
    if (std::ifstream{path, std::ios::binary}) {
        crypto_init();
        secret_key key{};
        std::ifstream in{path, std::ios::binary};
        in.read(reinterpret_cast<char*>(key.data()), key.size());
        if (in.gcount() != static_cast<std::streamsize>(key.size()))
            throw std::runtime_error("key file " + path + " is truncated");
        return key;
    }
    return create_key(path);
}

std::string mac_hex(const secret_key& key, std::string_view text) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()),
                                  text.size());
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[sizeof mac * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

bool mac_matches(const secret_key& key, std::string_view text, std::string_view hex) {
    auto expected = mac_hex(key, text);
    return hex.size() == expected.size() &&
           sodium_memcmp(expected.data(), hex.data(), expected.size()) == 0;
}

std::string keyed_hash_hex(const secret_key& key, std::string_view text) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), key.data(), key.size());
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

} // namespace asamblea::store
