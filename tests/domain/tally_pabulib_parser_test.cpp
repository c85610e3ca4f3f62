// The pabulib reader on hand-made files: format variations it must accept and errors that must name
// their line.
#include "domain/tally/pabulib.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tally_pabulib_parser_test {

namespace {

const std::string valid = "META\n"
                          "key;value\n"
                          "description;\"Prueba; con punto y coma\"\n"
                          "budget;1000\n"
                          "vote_type;approval\n"
                          "PROJECTS\n"
                          "project_id;cost;name\n"
                          "1;600;\"Techo \"\"nuevo\"\"\"\n"
                          "2;500;\"Dos\nrenglones\"\n"
                          "c3;100.00;Bancas\n"
                          "VOTES\n"
                          "voter_id;vote\n"
                          "a;1,2\n"
                          "b; 2 , c3 ,2\n"
                          "c;\n"
                          "\n";

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::string error_of(const std::string& text) {
    auto r = parse_pabulib(text);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == error_kind::invalid);
    return r.error().message;
}

} // namespace

TEST_CASE("pabulib: amounts with decimals count in the file's smallest unit") {
    auto r = parse_pabulib(replace(replace(valid, "c3;100.00", "c3;100.5"), "1;600", "1;600,25"));
    REQUIRE(r);
    CHECK(r->decimals == 2);
    CHECK(r->unit() == 100);
    CHECK(r->election.budget == 100000);
    CHECK(r->election.projects[0].cost == 60025); // a comma is a decimal point, as in pabutools
    CHECK(r->election.projects[1].cost == 50000);
    CHECK(r->election.projects[2].cost == 10050);
    CHECK(error_of(replace(valid, "budget;1000", "budget;mil")) ==
          "Línea 4: el presupuesto «mil» no es un monto válido.");
}

TEST_CASE("pabulib: quoting, blank ballots and decimal-free amounts") {
    auto r = parse_pabulib(valid);
    REQUIRE(r);
    CHECK(r->election.budget == 1000);
    REQUIRE(r->election.projects.size() == 3);
    CHECK(r->election.projects[2].id == "c3");
    CHECK(r->election.projects[2].cost == 100);
    CHECK(r->decimals == 0); // "100.00" has no decimals that count
    CHECK(r->project_names[0] == "Techo \"nuevo\"");
    CHECK(r->project_names[1] == "Dos\nrenglones");
    REQUIRE(r->election.ballots.size() == 3);
    CHECK(r->election.ballots[0] == approval_ballot{0, 1});
    CHECK(r->election.ballots[1] == approval_ballot{1, 2}); // spaces trimmed, duplicates dropped
    CHECK(r->election.ballots[2].empty());
    CHECK(r->meta[0] ==
          std::pair<std::string, std::string>{"description", "Prueba; con punto y coma"});
}

TEST_CASE("pabulib: choose-1 ballots read as approval ballots, as pabutools reads them") {
    auto r = parse_pabulib(replace(valid, "vote_type;approval", "vote_type;choose-1"));
    REQUIRE(r);
    CHECK(r->election.ballots.size() == 3);
}

TEST_CASE("pabulib: CRLF line ends and a byte-order mark read the same") {
    std::string crlf;
    for (char c : valid) {
        if (c == '\n')
            crlf += '\r';
        crlf += c;
    }
    auto r = parse_pabulib("\xEF\xBB\xBF" + crlf);
    REQUIRE(r);
    auto plain = parse_pabulib(valid);
    REQUIRE(plain);
    CHECK(r->election.ballots == plain->election.ballots);
    CHECK(r->project_names == plain->project_names);
    CHECK(r->election.budget == 1000);
}

TEST_CASE("pabulib: errors name their line") {
    CHECK(error_of(replace(valid, "vote_type;approval", "vote_type;cumulative"))
              .starts_with("Línea 5: "));
    // The quoted name spans lines 9 and 10, so everything below counts one line more.
    CHECK(error_of(replace(valid, "c3;100.00", "c3;cien")).starts_with("Línea 11: "));
    CHECK(error_of(replace(valid, "c3;100.00", "c3;100.5.0")).starts_with("Línea 11: "));
    CHECK(error_of(replace(valid, "c3;100.00", "c3;-100")).starts_with("Línea 11: "));
    // Too big once every amount counts in the file's smallest unit: the line of that amount.
    CHECK(error_of(replace(replace(valid, "c3;100.00", "c3;0.001"), "budget;1000",
                           "budget;1000000000000000"))
              .starts_with("Línea 4: "));
    CHECK(error_of(replace(valid, "b; 2 , c3 ,2", "b;2,99")).starts_with("Línea 15: "));
    CHECK(error_of(replace(valid, "a;1,2", "a;1;2")).starts_with("Línea 14: "));
    CHECK(error_of(replace(valid, "c3;100.00;Bancas", "1;5;Otra")).starts_with("Línea 11: "));
    CHECK(error_of(replace(valid, "budget;1000", "budget;mil")).starts_with("Línea 4: "));
    CHECK(error_of(replace(valid, "budget;1000\n", "")).starts_with("Línea 1: "));
    CHECK(error_of(replace(valid, "vote_type;approval\n", "")).starts_with("Línea 1: "));
    CHECK(error_of(replace(valid, "project_id;cost;name", "project_id;precio;name"))
              .starts_with("Línea 7: "));
    CHECK(error_of(replace(valid, "\"Techo \"\"nuevo\"\"\"", "\"Techo")).starts_with("Línea 8: "));
    CHECK(error_of(replace(valid, "\"Techo \"\"nuevo\"\"\"", "\"Techo\" x"))
              .starts_with("Línea 8: "));
    CHECK(error_of("PROJECTS\nproject_id;cost\n").starts_with("Línea 1: "));
    CHECK(error_of(valid.substr(0, valid.find("VOTES"))).starts_with("Línea 12: "));
    CHECK(error_of("").starts_with("Línea 1: "));
    CHECK(error_of(valid + "d;\"1") == "Línea 18: hay comillas que no se cierran.");
}

} // namespace tally_pabulib_parser_test
