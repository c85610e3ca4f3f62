#pragma once
/// Thin wrappers over libsodium: hashes, random tokens, argon2id passwords, keyed identifier
/// hashes.

#include <array>
#include <string>
#include <string_view>

namespace asamblea::store {

/// Initializes libsodium once; safe to call from any thread, any number of times.
void crypto_init();

/// Lower-case hex sha256 of the bytes.
std::string sha256_hex(std::string_view bytes);

/// Raw sha256 of the bytes, for storing hashed tokens as blobs.
std::array<unsigned char, 32> sha256(std::string_view bytes);

/// A URL-safe random token carrying `bytes` bytes of entropy.
std::string random_token(std::size_t bytes = 32);

/// A fresh 8-symbol code from the credential alphabet (no 0/O, no 1/I), e.g. for receipts.
std::string random_code();

/// argon2id hash string (libsodium's self-describing format) with interactive limits.
std::string hash_password(std::string_view password);

/// True when the password matches the argon2id hash string.
bool verify_password(std::string_view password, const std::string& hash);

/// A 32-byte secret key for keyed hashes; stored beside the database so identifiers stay stable.
using secret_key = std::array<unsigned char, 32>;

/// Loads the key from path, creating it (mode 0600) on first use.
secret_key load_or_create_key(const std::string& path);
/// Loads an existing key; throws (with the path) when it is missing or not 32 bytes.
secret_key load_key(const std::string& path);
/// Creates a new random key file (mode 0600); throws when the path exists.
secret_key create_key(const std::string& path);

/// HMAC-SHA-256 of the text under the key, lower-case hex (64 digits).
std::string mac_hex(const secret_key& key, std::string_view text);
/// Whether `hex` is the MAC of the text, compared in constant time.
bool mac_matches(const secret_key& key, std::string_view text, std::string_view hex);

/// Keyed BLAKE2b of the text, hex; used so identifiers are comparable but not stored in clear.
std::string keyed_hash_hex(const secret_key& key, std::string_view text);

} // namespace asamblea::store
