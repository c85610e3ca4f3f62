#include "domain/assembly/attendee.hpp"
#include "domain/assembly/credential_code.hpp"

#include <doctest/doctest.h>

#include <array>
#include <set>

using namespace asamblea::domain;

TEST_CASE("identifiers are trimmed, upper-cased and stripped of spaces") {
    CHECK(normalize_identifier("  abc 123 45 ") == "ABC12345");
    CHECK(normalize_identifier("gomm800101hdfxxx01") == "GOMM800101HDFXXX01");
    CHECK(normalize_identifier("1234-5678/9.0") == "1234-5678/9.0");
    CHECK(normalize_identifier("peña 12") == "PEÑA12");
    CHECK(normalize_identifier("PEÑA12") == "PEÑA12");
    auto empty = normalize_identifier("   ");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().field == "identificador");
    CHECK(empty.error().kind == error_kind::invalid);
    CHECK_FALSE(normalize_identifier("ab"));
    CHECK_FALSE(normalize_identifier(std::string(41, '7')));
    CHECK(normalize_identifier(std::string(40, '7')));
    CHECK_FALSE(normalize_identifier("123;DROP"));
    CHECK_FALSE(normalize_identifier("café"));
}

TEST_CASE("a registration needs a name, an identifier, a valid sex and a confirmed adult") {
    auto ok = check_new_attendee("  María   López  ", " nss 123 ", "mujer", true);
    REQUIRE(ok);
    CHECK(ok->nombre == "María López");
    CHECK(ok->identifier == "NSS123");
    CHECK(ok->sexo == sex::mujer);

    auto minor = check_new_attendee("Ana", "NSS123", "mujer", false);
    REQUIRE_FALSE(minor);
    CHECK(minor.error().code == "not_adult");
    CHECK(minor.error().field == "mayor_de_edad");

    auto no_name = check_new_attendee("   ", "NSS123", "hombre", true);
    REQUIRE_FALSE(no_name);
    CHECK(no_name.error().field == "nombre");
    CHECK(no_name.error().message == "Escriba el nombre.");
    CHECK_FALSE(check_new_attendee("A", "NSS123", "hombre", true));
    CHECK_FALSE(check_new_attendee(std::string(121, 'a'), "NSS123", "hombre", true));
    CHECK(check_new_attendee(std::string(120, 'a'), "NSS123", "hombre", true));
    CHECK_FALSE(check_new_attendee("Ana\x01", "NSS123", "mujer", true));
    CHECK_FALSE(check_new_attendee("Ana \xff", "NSS123", "mujer", true));

    auto bad_sex = check_new_attendee("Ana", "NSS123", "f", true);
    REQUIRE_FALSE(bad_sex);
    CHECK(bad_sex.error().field == "sexo");
    CHECK(check_new_attendee("Ana", "NSS123", "otro", true)->sexo == sex::otro);
    CHECK(parse_sex("hombre") == sex::hombre);
    CHECK(to_string(sex::mujer) == "mujer");
}

TEST_CASE("the identifier is optional: without one the folded name is the person's key") {
    auto walk_in = check_new_attendee(" José  Peña ", "   ", "hombre", true);
    REQUIRE(walk_in);
    CHECK(walk_in->identifier.empty());
    CHECK(attendee_key(*walk_in) == "nombre:jose pena");
    auto same = check_new_attendee("JOSE PEÑA", "", "hombre", true);
    REQUIRE(same);
    CHECK(attendee_key(*same) == attendee_key(*walk_in));
    auto with_id = check_new_attendee("José Peña", "nss 123", "hombre", true);
    REQUIRE(with_id);
    CHECK(attendee_key(*with_id) == "NSS123");
    auto bad_id = check_new_attendee("José Peña", "x;", "hombre", true);
    REQUIRE_FALSE(bad_id);
    CHECK(bad_id.error().field == "identificador");
}

TEST_CASE("a second registration is refused naming the first, at its local time") {
    auto by_id = duplicate_attendee("Ana Pérez", "2026-02-21T17:05:09.120Z", false);
    CHECK(by_id.kind == error_kind::conflict);
    CHECK(by_id.code == "duplicate_attendee");
    CHECK(by_id.field == "identificador");
    CHECK(by_id.message.find("«Ana Pérez», registrada a las 11:05 h.") != std::string::npos);
    CHECK(by_id.message.find("Reponer credencial") != std::string::npos);
    auto by_name = duplicate_attendee("Ana Pérez", "2026-02-21T03:00:00.000Z", true);
    CHECK(by_name.field == "nombre");
    CHECK(by_name.message.find("registrada a las 21:00 h.") != std::string::npos);
    CHECK(by_name.message.find("escriba su identificador") != std::string::npos);
    auto no_time = duplicate_attendee("Ana Pérez", "ayer", true);
    CHECK(no_time.message.find("«Ana Pérez». No se emitió") != std::string::npos);
}

TEST_CASE("credential codes use 8 easy-to-read symbols and are displayed as XXXX-XXXX") {
    CHECK(credential_alphabet.find_first_of("01OI") == std::string_view::npos);
    std::array<unsigned char, 8> zeros{};
    CHECK(make_credential_code(zeros) == "22222222");
    std::array<unsigned char, 8> bytes{0, 1, 31, 32, 255, 8, 100, 200};
    auto code = make_credential_code(bytes);
    CHECK(code == "23Z2ZA6A");
    CHECK(code.size() == 8);
    // Every byte value maps onto the alphabet evenly: each symbol is hit exactly 8 times.
    std::array<int, 32> hits{};
    for (int b = 0; b < 256; ++b) {
        std::array<unsigned char, 8> one{};
        one[0] = static_cast<unsigned char>(b);
        hits[credential_alphabet.find(make_credential_code(one)[0])]++;
    }
    for (int h : hits)
        CHECK(h == 8);

    CHECK(display_credential_code("K7P4M2Q9") == "K7P4-M2Q9");
    CHECK(parse_credential_code("K7P4M2Q9") == "K7P4M2Q9");
    CHECK(parse_credential_code("k7p4-m2q9") == "K7P4M2Q9");
    CHECK(parse_credential_code(" k7p4 m2q9 ") == "K7P4M2Q9");
    CHECK(parse_credential_code("K7-P4-M2-Q9") == "K7P4M2Q9");
    CHECK_FALSE(parse_credential_code("K7P4M2Q"));
    CHECK_FALSE(parse_credential_code("K7P4M2Q99"));
    CHECK_FALSE(parse_credential_code("K7P4M2Q0")); // 0 is not in the alphabet
    CHECK_FALSE(parse_credential_code("K7P4M2QO"));
    CHECK_FALSE(parse_credential_code("K7P4M2QI"));
    CHECK_FALSE(parse_credential_code("K7P4M2Q1"));
    CHECK_FALSE(parse_credential_code(""));
    CHECK_FALSE(parse_credential_code("K7P4M2Q9\n"));
}
