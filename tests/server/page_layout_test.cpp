#include "../store/test_dir.hpp"
#include "http_client.hpp"
#include "server/http/page_layout.hpp"
#include "server/http/static_files.hpp"
#include "store/crypto.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>

using asamblea::server::fill_layout;
using asamblea::server::page_partials;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace page_layout_test {

namespace {

const page_partials partials{
    {"header",
     "<header class=\"site-header{{#class}} {{class}}{{/class}}\">\n"
     "  <b>{{#name}}{{name}}{{/name}}{{^name}}La Clínica es Nuestra{{/name}}</b>\n"
     "  {{^session}}\n"
     "  <nav><a href=\"/\"{{#at_home}} aria-current=\"page\"{{/at_home}}>Inicio</a></nav>\n"
     "  {{/session}}\n"
     "</header>\n"},
    {"footer", "{{! Not sent:\n    how to use the footer. }}\n"
               "<footer>Programa.{{#note}} {{note}}{{/note}}</footer>\n"},
};

void write(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

} // namespace

TEST_CASE("fill_layout: a page without placeholders comes back as it was") {
    std::string page = "<!doctype html>\n<!-- a plain comment -->\n<p>{{not a tag}}</p>\n";
    CHECK(fill_layout(page, partials) == page);
    CHECK(fill_layout(page, {}) == page);
}

TEST_CASE("fill_layout: the page's arguments fill the partial, the defaults stand in") {
    CHECK(fill_layout("<body>\n<!--#header-->\n<main>", partials) ==
          "<body>\n<header class=\"site-header\">\n  <b>La Clínica es Nuestra</b>\n"
          "  <nav><a href=\"/\">Inicio</a></nav>\n</header>\n<main>");
    CHECK(fill_layout("<!--#header at_home-->", partials) ==
          "<header class=\"site-header\">\n  <b>La Clínica es Nuestra</b>\n"
          "  <nav><a href=\"/\" aria-current=\"page\">Inicio</a></nav>\n</header>");
    // A section left out takes its lines with it: no blank lines where the nav was.
    CHECK(
        fill_layout("<!--#header class=\"mod-header\" name=\"Moderación\" session-->", partials) ==
        "<header class=\"site-header mod-header\">\n  <b>Moderación</b>\n</header>");
    CHECK(fill_layout("<!--#footer note=\"Montos en pesos (MXN).\"-->\n<!--#footer-->", partials) ==
          "<footer>Programa. Montos en pesos (MXN).</footer>\n<footer>Programa.</footer>");
    // Arguments may sit on several lines; a value is taken as written (the page writes HTML).
    CHECK(fill_layout("<!--#header\n  name=\"Coordinaci&oacute;n\"\n  session\n-->", partials) ==
          "<header class=\"site-header\">\n  <b>Coordinaci&oacute;n</b>\n</header>");
}

TEST_CASE("fill_layout: a mistake stops the start, with words saying where") {
    CHECK_THROWS_WITH_AS(fill_layout("<!--#heder-->", partials), "no such partial: heder",
                         std::runtime_error);
    CHECK_THROWS_AS(fill_layout("<!--#header name=\"x\"", partials), std::runtime_error);
    CHECK_THROWS_AS(fill_layout("<!--#header name=x-->", partials), std::runtime_error);
    CHECK_THROWS_AS(fill_layout("<!--#header name=\"x-->", partials), std::runtime_error);
    CHECK_THROWS_AS(fill_layout("<!--#header name=\"x\"session-->", partials), std::runtime_error);
    CHECK_THROWS_AS(fill_layout("<!--# -->", partials), std::runtime_error);
    CHECK_THROWS_AS(fill_layout("<!--#p-->", {{"p", "{{#open}}never closed"}}), std::runtime_error);
    CHECK_THROWS_AS(fill_layout("<!--#p-->", {{"p", "{{/closed}} never opened"}}),
                    std::runtime_error);
    CHECK_THROWS_AS(fill_layout("<!--#p-->", {{"p", "{{unclosed"}}), std::runtime_error);
}

TEST_CASE("static_files: pages are served filled, with the ETag and gzip of the filled page") {
    test_dir dir;
    write(dir.path / "partials" / "header.html", "<header>{{name}}</header>\n");
    std::string padding(400, 'x'); // enough text for gzip to pay
    write(dir.path / "index.html",
          "<body>\n<!--#header name=\"Inicio\"-->\n<p>" + padding + "</p>\n");
    write(dir.path / "js" / "app.js", "// <!--#header--> stays as it is in a script\n");
    asamblea::server::static_files files(dir.str());

    asamblea::server::request req;
    req.method = "GET";
    req.path = "/";
    auto page = files.serve(req);
    CHECK(page.status == 200);
    const std::string filled = "<body>\n<header>Inicio</header>\n<p>" + padding + "</p>\n";
    CHECK(page.body == filled);
    std::string etag;
    for (const auto& [name, value] : page.headers)
        if (name == "ETag")
            etag = value;
    CHECK(etag == "\"" + asamblea::store::sha256_hex(filled).substr(0, 20) + "\"");

    req.accept_encoding = "gzip";
    auto packed = files.serve(req);
    CHECK(packed.body != filled);
    CHECK(packed.body.size() < filled.size());

    req.accept_encoding.clear();
    req.path = "/js/app.js";
    CHECK(files.serve(req).body == "// <!--#header--> stays as it is in a script\n");

    // The partials are pieces of pages, not pages.
    req.path = "/partials/header.html";
    CHECK(files.serve(req).status == 404);
    CHECK(files.size() == 2);
}

TEST_CASE("static_files: a page naming a partial that is not there stops the start") {
    test_dir dir;
    write(dir.path / "roto.html", "<!--#encabezado-->\n");
    CHECK_THROWS_WITH_AS(asamblea::server::static_files(dir.str()),
                         "/roto.html: no such partial: encabezado", std::runtime_error);
}

TEST_CASE("web/: the staff and public pages get one header and one footer, the page's own") {
    running_server s;
    http_client c(s.port);
    struct expected {
        std::string path;
        std::string brand;  // the header's first line
        std::string marked; // the menu item marked as this page, or none
        bool footer;
    };
    for (const auto& page : std::vector<expected>{
             {"/", "La Clínica es Nuestra", "Inicio", true},
             {"/entrar.html", "La Clínica es Nuestra", "Entrar (personal)", true},
             {"/guia.html", "La Clínica es Nuestra", "", true},
             {"/c/CSIMB000001", "La Clínica es Nuestra", "", true},
             {"/c/CSIMB000001/cosabi-cuenta", "La Clínica es Nuestra", "", true},
             {"/coordinacion.html", "Coordinación", "", true},
             {"/c/CSIMB000001/moderar", "Moderación", "", false},
             {"/no-existe", "La Clínica es Nuestra", "", true},
         }) {
        CAPTURE(page.path);
        auto res = c.request("GET", page.path, {}, {{"Accept", "text/html"}});
        const auto& body = res.body;
        CHECK(body.find("<!--#") == std::string::npos);
        CHECK(body.find("{{") == std::string::npos);
        auto header = body.find("<header class=\"site-header");
        REQUIRE(header != std::string::npos);
        CHECK(body.find("<header class=\"site-header", header + 1) == std::string::npos);
        CHECK(body.find("<span class=\"brand-name\">" + page.brand + "</span>") !=
              std::string::npos);
        auto marked = body.find("aria-current=\"page\">");
        if (page.marked.empty())
            CHECK(marked == std::string::npos);
        else
            CHECK(body.find("aria-current=\"page\">" + page.marked + "<") != std::string::npos);
        CHECK((body.find("<footer class=\"site-footer\">") != std::string::npos) == page.footer);
    }
    CHECK(c.request("GET", "/partials/header.html").status == 404);
}

} // namespace page_layout_test
