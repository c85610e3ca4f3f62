// A round's title and its options' names are cleaned like a proposal's title: they reach
// screens, the acta and the operator's terminal (`asamblea verify`).
#include "domain/round.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace round_spec_test {

namespace {

round_spec election(std::string title, std::vector<std::string> labels) {
    round_spec spec;
    spec.kind = round_kind::election;
    spec.title = std::move(title);
    int id = 0;
    for (auto& label : labels)
        spec.options.push_back({std::to_string(++id), std::move(label), 0, "", "", ""});
    return spec;
}

} // namespace

TEST_CASE("a round's title and option names are trimmed and their spaces collapsed") {
    auto ok = make_round_spec(election("  Elección \t de  vocalías ", {" Ana  Pérez ", "Luis"}));
    REQUIRE(ok);
    CHECK(ok->title == "Elección de vocalías");
    CHECK(ok->options[0].label == "Ana Pérez");
    CHECK(ok->options[1].label == "Luis");
}

TEST_CASE("NUL and control characters in a round's title are refused") {
    for (std::string bad :
         {std::string("Presupuesto\0oculto", 18), std::string("Voto\x1b[2J"),
          std::string("Campana\x07"), std::string("Borrar\x7f"), std::string("No UTF-8 \xff")}) {
        CAPTURE(bad);
        auto refused = make_round_spec(election(bad, {"Ana", "Luis"}));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == error_kind::invalid);
        CHECK(refused.error().field == "title");
        CHECK(refused.error().message == "El título tiene caracteres no válidos.");
    }
}

TEST_CASE("NUL and control characters in an option's name are refused") {
    for (std::string bad : {std::string("Ana\0Pérez", 10), std::string("Luis\x1b]0;pwned\x07"),
                            std::string("\x08")}) {
        CAPTURE(bad);
        auto refused = make_round_spec(election("Presidencia", {"Ana", bad}));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().field == "options");
        CHECK(refused.error().message == "El nombre de cada opción tiene caracteres no válidos.");
    }
}

TEST_CASE("blank and overlong titles and names are refused with the limit in characters") {
    auto blank = make_round_spec(election(" \t ", {"Ana", "Luis"}));
    REQUIRE_FALSE(blank);
    CHECK(blank.error().message == "Escriba el título.");
    auto blank_name = make_round_spec(election("Presidencia", {"Ana", "   "}));
    REQUIRE_FALSE(blank_name);
    CHECK(blank_name.error().field == "options");

    // 200 accented letters are 400 bytes and still fit; 201 do not.
    std::string longest;
    for (int i = 0; i < 200; ++i)
        longest += "é";
    CHECK(make_round_spec(election(longest, {"Ana", longest})));
    auto over = make_round_spec(election(longest + "é", {"Ana", "Luis"}));
    REQUIRE_FALSE(over);
    CHECK(over.error().message == "El título debe tener de 1 a 200 caracteres.");
    CHECK_FALSE(make_round_spec(election("Presidencia", {"Ana", longest + "x"})));
}

TEST_CASE("a motion keeps its fixed answers and still cleans its title") {
    round_spec spec;
    spec.kind = round_kind::motion;
    spec.title = "¿Aprobamos el acta\r\nanterior?";
    auto ok = make_round_spec(spec);
    REQUIRE(ok);
    CHECK(ok->title == "¿Aprobamos el acta anterior?");
    REQUIRE(ok->options.size() == 3);
    CHECK(ok->options[2].label == "Me abstengo");
}

} // namespace round_spec_test
