// The live results written as text (append_json, for every counted ballot) say exactly what the
// JSON tree of the same result says, whatever the labels hold.
#include "server/views/round_json.hpp"

#include <doctest/doctest.h>

using asamblea::domain::round_result;
using nlohmann::json;

namespace round_json_test {

namespace {

std::string written(const round_result& r) {
    std::string out;
    asamblea::server::append_json(out, r);
    return out;
}

} // namespace

TEST_CASE("a budget result written as text parses to its JSON tree") {
    round_result r;
    r.lines = {{"p1", "Techo del \"consultorio\"", 12, true, "Cabe en el presupuesto.", 0},
               {"p2", "Baño\\lavabo\nnuevo\t(2)", 0, false, "", 0},
               {"p3", std::string("Control \x01 y \x1f fin"), 3, false, "No alcanzó.", 0}};
    r.summary = "Se eligieron 1 de 3 propuestas, ñandú incluido.";
    r.spent = 1234567;
    r.quorum_met = false;
    auto text = written(r);
    CAPTURE(text);
    CHECK(json::parse(text) == asamblea::server::to_json(r));
}

TEST_CASE("an election result with seats and a tied runoff written as text parses the same") {
    round_result r;
    r.lines = {{"a", "Ana", 5, true, "Electa.", 1}, {"b", "Beto", 5, false, "Empate.", 0}};
    r.runoff = true;
    r.tied = {"b", "c\"d"};
    auto text = written(r);
    CAPTURE(text);
    CHECK(json::parse(text) == asamblea::server::to_json(r));

    r.lines.clear();
    r.tied.clear();
    CHECK(json::parse(written(r)) == asamblea::server::to_json(r));
}

} // namespace round_json_test
