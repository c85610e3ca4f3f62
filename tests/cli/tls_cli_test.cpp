// `asamblea serve --tls-cert/--tls-key`: a certificate or key that is missing, unreadable, not
// PEM or not a pair stops the real binary at start-up with a message naming the option, and a
// non-zero exit, before it listens or opens the database.
#include "../store/test_dir.hpp"
#include "run_command.hpp"
#include "tls_trust.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tls_cli_test {

namespace {

// `serve` with these TLS arguments, cut after 30 s should it start listening after all (a
// server that started is a failure: `timeout` exits 124 and the message checks fail).
command_result serve_with(const test_dir& data, const std::string& tls_args) {
    return run_shell("timeout 30 " + std::string(ASAMBLEA_BINARY) +
                     " serve --port 0 --address 127.0.0.1 --data " + data.str() + "/data " +
                     tls_args);
}

} // namespace

TEST_CASE("tls cli: bad certificate or key paths stop serve with a clear message") {
    test_dir dir;
    const auto cert = (dir.path / "cert.pem").string();
    const auto key = (dir.path / "key.pem").string();
    write_self_signed_cert(cert, key);
    const auto other_cert = (dir.path / "other-cert.pem").string();
    const auto other_key = (dir.path / "other-key.pem").string();
    write_self_signed_cert(other_cert, other_key);
    const auto not_pem = (dir.path / "not.pem").string();
    std::ofstream(not_pem) << "esto no es un certificado\n";

    auto missing = serve_with(dir, "--tls-cert " + dir.str() + "/nada.pem --tls-key " + key);
    CHECK(missing.exit_code != 0);
    CHECK_MESSAGE(missing.output.find("--tls-cert " + dir.str() + "/nada.pem: cannot be read") !=
                      std::string::npos,
                  missing.output);
    CHECK(missing.output.find("listening") == std::string::npos);

    auto alone = serve_with(dir, "--tls-cert " + cert);
    CHECK(alone.exit_code != 0);
    CHECK_MESSAGE(alone.output.find("give both or neither") != std::string::npos, alone.output);

    auto garbage = serve_with(dir, "--tls-cert " + not_pem + " --tls-key " + key);
    CHECK(garbage.exit_code != 0);
    CHECK_MESSAGE(garbage.output.find("--tls-cert " + not_pem + ": not a usable PEM file") !=
                      std::string::npos,
                  garbage.output);

    auto mismatched = serve_with(dir, "--tls-cert " + cert + " --tls-key " + other_key);
    CHECK(mismatched.exit_code != 0);
    CHECK_MESSAGE(mismatched.output.find("--tls-key " + other_key +
                                         " is not the key of the certificate in " + cert) !=
                      std::string::npos,
                  mismatched.output);
    CHECK(mismatched.output.find("listening") == std::string::npos);

    // Nothing was started: no database was made.
    CHECK(!std::filesystem::exists(dir.path / "data" / "asamblea.db"));
}

} // namespace tls_cli_test
