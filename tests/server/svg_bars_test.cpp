// The server's SVG bar chart: every text escaped, labels cut on a character boundary, bars in
// proportion to the largest value, an empty chart that says so, and the accessible parts.
#include "server/views/svg_bars.hpp"
#include "server/views/xml_text.hpp"

#include <doctest/doctest.h>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace svg_bars_test {

using namespace asamblea::server;

svg_bar_chart two_rows() {
    svg_bar_chart c;
    c.title = "Dinero <por> entidad";
    c.description = "Barras & más";
    c.series = {{"Asignado", "#c9dcec"}, {"Comprobado", "#1e6b45"}};
    c.rows = {
        {"Chiapas", {1000, 250}, {"$10.00", "$2.50"}, "25 % comprobado"},
        {"Ciudad de México con un nombre muy largo de verdad", {500, 0}, {"$5.00", "$0.00"}, ""}};
    return c;
}

TEST_CASE("svg text is escaped for elements and attributes") {
    CHECK(xml_escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
    CHECK(xml_escape(std::string("x\x01y", 3)) == "x y"); // not allowed in XML 1.0
    CHECK(xml_escape("Querétaro") == "Querétaro");
}

TEST_CASE("bars are drawn in proportion, widest behind, with their figures") {
    auto svg = svg_bars(two_rows());
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
    CHECK(svg.find("aria-label=\"Dinero &lt;por&gt; entidad\"") != std::string::npos);
    CHECK(svg.find("<title>Dinero &lt;por&gt; entidad</title>") != std::string::npos);
    CHECK(svg.find("<desc>Barras &amp; más</desc>") != std::string::npos);
    // The largest value fills the bar area (330 px); half of it, half; a quarter, a quarter.
    auto full = svg.find("width=\"330\"");
    auto quarter = svg.find("width=\"83\"");
    REQUIRE(full != std::string::npos);
    REQUIRE(quarter != std::string::npos);
    CHECK(full < quarter); // the wider bar first, so the narrower one shows in front
    CHECK(svg.find("width=\"165\"") != std::string::npos);
    CHECK(svg.find("<title>Chiapas — Comprobado: $2.50</title>") != std::string::npos);
    CHECK(svg.find(">25 % comprobado</text>") != std::string::npos);
    // A zero draws nothing; the legend names every series.
    CHECK(svg.find("width=\"0\"") != std::string::npos);
    CHECK(svg.find(">Asignado</text>") != std::string::npos);
    CHECK(svg.find(">Comprobado</text>") != std::string::npos);
    // Cut at 30 characters, accents counted as one.
    CHECK(svg.find(">Ciudad de México con un nombre…</text>") != std::string::npos);
    CHECK(svg.ends_with("</svg>\n"));
}

TEST_CASE("an empty chart says there is nothing to draw") {
    svg_bar_chart c;
    c.title = "Vacía";
    c.empty_text = "Sin <datos>";
    auto svg = svg_bars(c);
    CHECK(svg.find(">Sin &lt;datos&gt;</text>") != std::string::npos);
    CHECK(svg.find("<rect x=\"220\"") == std::string::npos);
}

} // namespace svg_bars_test
