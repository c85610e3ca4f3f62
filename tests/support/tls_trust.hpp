#pragma once
/// What a test client needs to speak TLS to the test server: the server's self-signed
/// certificate (PEM), trusted as its own authority, for the name "localhost".

#include <string>

struct tls_trust {
    std::string ca_file;
};

/// Writes a self-signed certificate for localhost and 127.0.0.1 (an EC P-256 key, a day of
/// validity, the names in subjectAltName) and its private key as PEM files. Throws on failure.
void write_self_signed_cert(const std::string& cert_file, const std::string& key_file);
