// A certificate made by the test itself with OpenSSL's API, so no key is ever committed.
#include "tls_trust.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace {

template <class T, void (*free_fn)(T*)> struct openssl_free {
    void operator()(T* p) const { free_fn(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, openssl_free<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, openssl_free<X509, X509_free>>;

void add_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext || X509_add_ext(cert, ext, -1) != 1)
        throw std::runtime_error(std::string("test certificate: extension ") + value);
    X509_EXTENSION_free(ext);
}

void write_pem(const std::string& file, const auto& write) {
    std::FILE* f = std::fopen(file.c_str(), "w");
    if (!f)
        throw std::runtime_error("test certificate: cannot write " + file);
    const bool ok = write(f) == 1;
    std::fclose(f);
    if (!ok)
        throw std::runtime_error("test certificate: PEM write failed for " + file);
}

} // namespace

void write_self_signed_cert(const std::string& cert_file, const std::string& key_file) {
    pkey_ptr key(EVP_EC_gen("P-256"));
    x509_ptr cert(X509_new());
    if (!key || !cert)
        throw std::runtime_error("test certificate: no key");
    X509_set_version(cert.get(), 2);
    static long serial = 1;
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    // Its own authority, so a client can trust exactly this certificate.
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        throw std::runtime_error("test certificate: signing failed");
    write_pem(key_file, [&](std::FILE* f) {
        return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    write_pem(cert_file, [&](std::FILE* f) { return PEM_write_X509(f, cert.get()); });
}
