#include "domain/clinic.hpp"
#include "domain/clinic_csv.hpp"
#include "domain/csv.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

TEST_CASE("normalize_clues upper-cases valid keys and rejects malformed ones") {
    CHECK(normalize_clues("dfssa003441") == "DFSSA003441");
    CHECK_FALSE(normalize_clues("DFSSA00344"));
    CHECK_FALSE(normalize_clues("DFSS1003441"));
    CHECK_FALSE(normalize_clues("DFSSA00344X"));
}

TEST_CASE("budget tiers follow IMSS-Bienestar 2024") {
    CHECK(budget_for_tier(1, "UMR") == 40000000);
    CHECK(budget_for_tier(2, "UMR") == 60000000);
    CHECK(budget_for_tier(3, "UMF") == 80000000);
    CHECK(budget_for_tier(5, "UMF") == 80000000);
    CHECK(budget_for_tier(6, "UMF") == 100000000);
    CHECK(budget_for_tier(12, "UMF") == 100000000);
    CHECK(budget_for_tier(2, "CESSA") == 120000000);
}

TEST_CASE("fold_for_search drops case and Spanish accents") {
    CHECK(fold_for_search("Jalapa de DÍAZ") == "jalapa de diaz");
    CHECK(fold_for_search("Peñón Ñandú") == "penon nandu");
}

TEST_CASE("parse_csv handles quotes, CRLF, BOM and blank lines") {
    auto r = parse_csv("\xEF\xBB\xBF"
                       "a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\r\n\r\n\"multi\nline\",z\n");
    REQUIRE(r);
    REQUIRE(r->size() == 3);
    CHECK((*r)[1].fields[0] == "x, y");
    CHECK((*r)[1].fields[1] == "he said \"hi\"");
    CHECK((*r)[2].line == 4);
    CHECK((*r)[2].fields[0] == "multi\nline");
    auto bad = parse_csv("a,b\n\"open,c\n");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("Línea 2") != std::string::npos);
}

TEST_CASE("valid_utf8 spots Latin-1 bytes") {
    CHECK(valid_utf8("Ciudad de México"));
    CHECK_FALSE(valid_utf8("Ciudad de M\xE9xico"));
    CHECK_FALSE(valid_utf8("\xC3"));
}

static const char* header = "clues,nombre,entidad,municipio,institucion,consultorios,tipo\n";

TEST_CASE("a good clinics CSV is read with tier budgets and explicit budgets") {
    auto r = parse_clinic_csv(
        std::string("clues,nombre,entidad,municipio,institucion,consultorios,"
                    "tipo,presupuesto\n") +
        "dfssa003441,Centro de Salud Uno,Ciudad de México,Tlalpan,IMSS-BIENESTAR,3,UMF,\n"
        "CSIMB000123,\"Clínica, Dos\",Chiapas,Ocosingo,IMSS-BIENESTAR,1,UMR,\"450,000\"\n");
    REQUIRE(r.ok());
    REQUIRE(r.clinics.size() == 2);
    CHECK(r.clinics[0].clues == "DFSSA003441");
    CHECK(r.clinics[0].presupuesto == 80000000);
    CHECK(r.clinics[1].nombre == "Clínica, Dos");
    CHECK(r.clinics[1].presupuesto == 45000000);
}

TEST_CASE("every bad line of a clinics CSV is reported by number") {
    auto r = parse_clinic_csv(std::string(header) +
                              "DFSSA003441,Uno,CDMX,Tlalpan,IMSS,3,UMF\n"      // 2 ok
                              "BAD,Dos,CDMX,Tlalpan,IMSS,3,UMF\n"              // 3 bad clues
                              "DFSSA003442,Tres,CDMX,Tlalpan,IMSS,-2,UMF\n"    // 4 negative
                              "DFSSA003443,Cuatro,CDMX,Tlalpan,IMSS,dos,UMF\n" // 5 text
                              "DFSSA003441,Cinco,CDMX,Tlalpan,IMSS,1,UMF\n"    // 6 duplicate
                              "DFSSA003444,Seis,CDMX,Tlalpan,IMSS,1\n");       // 7 short
    CHECK_FALSE(r.ok());
    REQUIRE(r.problems.size() == 5);
    CHECK(r.problems[0].line == 3);
    CHECK(r.problems[1].line == 4);
    CHECK(r.problems[2].line == 5);
    CHECK(r.problems[3].line == 6);
    CHECK(r.problems[3].reason.find("línea 2") != std::string::npos);
    CHECK(r.problems[4].line == 7);
}

TEST_CASE("unknown or missing columns and bad encoding fail the file") {
    auto unknown = parse_clinic_csv("clues,nombre,entidad,municipio,institucion,consultorios,tipo,"
                                    "color\n");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.problems[0].reason.find("color") != std::string::npos);
    auto missing = parse_clinic_csv("clues,nombre\nDFSSA003441,Uno\n");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.problems[0].line == 1);
    auto latin1 =
        parse_clinic_csv(std::string(header) + "DFSSA003441,Uno,M\xE9xico,X,IMSS,1,UMF\n");
    REQUIRE_FALSE(latin1.ok());
    CHECK(latin1.problems[0].line == 2);
    CHECK(latin1.problems[0].reason.find("UTF-8") != std::string::npos);
    auto negative_budget = parse_clinic_csv(
        "clues,nombre,entidad,municipio,institucion,consultorios,tipo,presupuesto\n"
        "DFSSA003441,Uno,CDMX,X,IMSS,1,UMF,-100\n");
    REQUIRE_FALSE(negative_budget.ok());
    CHECK(negative_budget.problems[0].line == 2);
}
