// The shard map gives each clinic exactly one shard; whatever would give one two, or none, is an
// error with its line.
#include "domain/shards/shard_map.hpp"

#include <doctest/doctest.h>

namespace shard_map_test {

using asamblea::domain::error_kind;
using asamblea::domain::shard_map;

const char* const two_shards = "# name  address  owners\n"
                               "sur     10.0.0.11:8080  CS* oc*   # Chiapas, Oaxaca\n"
                               "\n"
                               "centro  10.0.0.12:8080  DF* HGIMB000123\n"
                               "centro  10.0.0.12:8080  MCSSA*\n";

TEST_CASE("a map names its shards, their addresses and what they own") {
    auto parsed = shard_map::parse(two_shards);
    REQUIRE(parsed.ok());
    const auto& shards = parsed.map.shards();
    REQUIRE(shards.size() == 2);
    CHECK(shards[0].name == "sur");
    CHECK(shards[0].address == "10.0.0.11:8080");
    CHECK(shards[0].prefixes == std::vector<std::string>{"CS", "OC"});
    CHECK(shards[1].line == 4);
    CHECK(shards[1].prefixes == std::vector<std::string>{"DF", "MCSSA"});
    CHECK(shards[1].clues == std::vector<std::string>{"HGIMB000123"});
}

TEST_CASE("a clinic's owner is the shard whose prefix or CLUES matches it") {
    auto map = shard_map::parse(two_shards).map;
    CHECK(map.owner("CSIMB000001")->name == "sur");
    CHECK(map.owner("OCSSA000777")->name == "sur");
    CHECK(map.owner("HGIMB000123")->name == "centro");
    CHECK(map.owner("MCSSA000001")->name == "centro");
    CHECK(map.owner("HGIMB000124") == nullptr);
    CHECK(map.owner("MCIMB000001") == nullptr);
}

TEST_CASE("a shard serves its own clinics and names the owner of the others") {
    auto map = shard_map::parse(two_shards).map;
    CHECK(map.check_here("CSIMB000001", "sur"));
    auto elsewhere = map.check_here("DFIST000003", "sur");
    REQUIRE_FALSE(elsewhere);
    CHECK(elsewhere.error().kind == error_kind::misdirected);
    CHECK(elsewhere.error().code == "wrong_shard");
    CHECK(elsewhere.error().field == "centro");
    CHECK(elsewhere.error().message.find("DFIST000003") != std::string::npos);
    auto nobody = map.check_here("ZZZZZ999999", "sur");
    REQUIRE_FALSE(nobody);
    CHECK(nobody.error().kind == error_kind::not_found);
}

void check_problem(const char* text, std::size_t line, const char* words) {
    auto parsed = shard_map::parse(text);
    REQUIRE_MESSAGE(parsed.problems.size() == 1, text);
    CHECK(parsed.problems[0].line == line);
    CHECK_MESSAGE(parsed.problems[0].reason.find(words) != std::string::npos,
                  parsed.problems[0].reason);
}

TEST_CASE("two owners that could match one clinic are an error naming both lines") {
    check_problem("a 10.0.0.1:80 CS*\nb 10.0.0.2:80 CS*\n", 2, "línea 1");
    check_problem("a 10.0.0.1:80 CS*\nb 10.0.0.2:80 CSIMB*\n", 2, "«CS*»");
    check_problem("a 10.0.0.1:80 CSIMB*\nb 10.0.0.2:80 CS*\n", 2, "«CSIMB*»");
    check_problem("a 10.0.0.1:80 CSIMB000001\nb 10.0.0.2:80 CS*\n", 2, "CSIMB000001");
    check_problem("a 10.0.0.1:80 CS*\n\nb 10.0.0.2:80 csimb000001\n", 3, "shard «a»");
    check_problem("a 10.0.0.1:80 DFIST000003 DFIST000003\n", 1, "se cruza");
}

TEST_CASE("bad names, addresses and owners are errors with their line") {
    check_problem("# only\nSur 10.0.0.1:80 CS*\n", 2, "nombre de shard");
    check_problem("sur 10.0.0.1 CS*\n", 1, "host:puerto");
    check_problem("sur 10.0.0.1:99999 CS*\n", 1, "host:puerto");
    check_problem("sur ::1:80 CS*\n", 1, "host:puerto");
    check_problem("sur 10.0.0.1:80\n", 1, "nombre host:puerto");
    check_problem("sur 10.0.0.1:80 C1*\n", 1, "no es una CLUES");
    check_problem("sur 10.0.0.1:80 CSIMB00001\n", 1, "no es una CLUES");
    check_problem("sur 10.0.0.1:80 CS*\nsur 10.0.0.2:80 OC*\n", 2, "ya tiene la dirección");
    check_problem("sur 10.0.0.1:80 CS*\nnorte 10.0.0.1:80 OC*\n", 2, "ya es del shard");
    check_problem("# nothing here\n", 0, "ningún shard");
    CHECK(shard_map::parse("sur [::1]:8080 CS*\n").ok());
}

TEST_CASE("every clinic must have an owner, else its line is named") {
    auto map = shard_map::parse(two_shards).map;
    auto problems =
        asamblea::domain::check_owners(map, {"CSIMB000001", "JCIMB000001", "DFIST000003"}, 2);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 3);
    CHECK(problems[0].reason.find("JCIMB000001") != std::string::npos);
}

} // namespace shard_map_test
