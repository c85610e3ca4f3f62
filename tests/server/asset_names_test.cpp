#include "../store/test_dir.hpp"
#include "http_client.hpp"
#include "server/http/asset_names.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <regex>

using asamblea::server::with_hash;
using asamblea::server::without_hash;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace asset_names_test {

namespace {

void write(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// A small web/ folder with a page, a style with an image, modules that import each other (one
// late, two in a cycle) and a module nothing names.
void write_site(const std::filesystem::path& web,
                const std::string& dep_text = "export const f = 1;\n") {
    write(web / "index.html",
          "<!doctype html>\n<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n"
          "<link rel=\"stylesheet\" href=\"/css/a.css\">\n"
          "<script type=\"module\" src=\"/js/main.js\"></script>\n"
          "<img class=\"x\" src=\"/img/x.svg\" alt=\"\">\n"
          "<a href=\"/css/a.css\">not an asset reference</a>\n"
          "<script src=\"https://example.org/x.js\"></script>\n");
    write(web / "favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    write(web / "img" / "x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n");
    write(web / "css" / "a.css",
          "body { background: url(../img/x.svg); }\n"
          ".i { --i: url(\"data:image/svg+xml,%3Csvg%3E\"); mask: url('/img/x.svg#frag'); }\n");
    write(web / "js" / "main.js", "import { f } from './dep.js';\n"
                                  "import {\n  a,\n} from \"./a.js\";\n"
                                  "export { f as g } from './dep.js';\n"
                                  "const meta = import.meta.url;\n"
                                  "document.body.onclick = () => import('./lazy.js');\n"
                                  "const icon = `/img/${a}.svg`;\n");
    write(web / "js" / "dep.js", dep_text);
    write(web / "js" / "lazy.js", "import { f } from './dep.js';\nexport const lazy = f;\n");
    write(web / "js" / "a.js", "import { b } from './b.js';\nexport const a = 'a';\n");
    write(web / "js" / "b.js", "import { a } from './a.js';\nexport const b = 'b';\n");
}

// The hashed name the page (or a module) gives `plain`, e.g. "/js/main.3f2a9c1d.js".
std::string named_in(const std::string& text, const std::string& plain_stem,
                     const std::string& ext) {
    std::regex re(std::regex_replace(plain_stem, std::regex(R"([.])"), R"(\.)") +
                  R"(\.[0-9a-f]{8})" + std::regex_replace(ext, std::regex(R"([.])"), R"(\.)"));
    std::smatch m;
    return std::regex_search(text, m, re) ? m.str() : std::string{};
}

struct site_server {
    test_dir web;
    std::optional<running_server> server;
    void start() {
        asamblea::server::server_config config;
        config.web_root = web.str();
        server.emplace(config);
    }
    void restart() {
        server.reset();
        start();
    }
};

} // namespace

TEST_CASE("with_hash and without_hash: the hash goes before the extension and comes back out") {
    CHECK(with_hash("/js/votar.js", "3f2a9c1d") == "/js/votar.3f2a9c1d.js");
    CHECK(with_hash("./live-view.js", "0123abcd") == "./live-view.0123abcd.js");
    CHECK(with_hash("../img/x.svg", "0123abcd") == "../img/x.0123abcd.svg");
    CHECK(with_hash("/LICENSE", "0123abcd") == "/LICENSE.0123abcd");
    CHECK(without_hash("/js/votar.3f2a9c1d.js") == "/js/votar.js");
    CHECK(without_hash("/js/jquery.min.js").empty());
    CHECK(without_hash("/js/votar.3F2A9C1D.js").empty());
    CHECK(without_hash("/js/.3f2a9c1d.js").empty());
    CHECK(without_hash("/js/votar.js").empty());
    CHECK(without_hash("x").empty());
}

TEST_CASE("hashed names: in the served page, kept a year, plain names revalidated") {
    site_server site;
    write_site(site.web.path);
    site.start();
    http_client c(site.server->port);

    auto page = c.request("GET", "/");
    REQUIRE(page.status == 200);
    CHECK(page.header("Cache-Control") == "no-cache");
    const auto main_js = named_in(page.body, "/js/main", ".js");
    const auto style = named_in(page.body, "/css/a", ".css");
    const auto icon = named_in(page.body, "/favicon", ".svg");
    const auto image = named_in(page.body, "/img/x", ".svg");
    REQUIRE_FALSE(main_js.empty());
    REQUIRE_FALSE(style.empty());
    CHECK_FALSE(icon.empty());
    CHECK_FALSE(image.empty());
    CHECK(page.body.find("src=\"" + main_js + "\"") != std::string::npos);
    // Only the references of <script>, <link> and <img>; other sites stay as written.
    CHECK(page.body.find("<a href=\"/css/a.css\">") != std::string::npos);
    CHECK(page.body.find("https://example.org/x.js") != std::string::npos);

    auto js = c.request("GET", main_js);
    CHECK(js.status == 200);
    CHECK(js.header("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(js.header("Cache-Control") == "public, max-age=31536000, immutable");
    auto css = c.request("GET", style);
    CHECK(css.status == 200);
    CHECK(css.header("Content-Type") == "text/css; charset=utf-8");
    CHECK(css.header("Cache-Control") == "public, max-age=31536000, immutable");
    auto svg = c.request("GET", image);
    CHECK(svg.header("Content-Type") == "image/svg+xml");
    CHECK(svg.header("Cache-Control") == "public, max-age=31536000, immutable");

    // The style's images: relative and absolute, the fragment kept, data: left alone.
    CHECK(css.body.find("url(../img/x." + image.substr(7, 8) + ".svg)") != std::string::npos);
    CHECK(css.body.find("url('" + image + "#frag')") != std::string::npos);
    CHECK(css.body.find("url(\"data:image/svg+xml,%3Csvg%3E\")") != std::string::npos);

    // The module's imports, static, re-exported, late and across lines, all hashed.
    const auto dep = named_in(js.body, "./dep", ".js");
    REQUIRE_FALSE(dep.empty());
    CHECK(js.body.find("import { f } from '" + dep + "';") != std::string::npos);
    CHECK(js.body.find("export { f as g } from '" + dep + "';") != std::string::npos);
    CHECK(js.body.find("} from \"" + named_in(js.body, "./a", ".js") + "\";") != std::string::npos);
    CHECK(js.body.find("import('" + named_in(js.body, "./lazy", ".js") + "')") !=
          std::string::npos);
    CHECK(js.body.find("import.meta.url") != std::string::npos);
    CHECK(js.body.find("`/img/${a}.svg`") != std::string::npos);
    auto dep_js = c.request("GET", "/js/" + dep.substr(2));
    CHECK(dep_js.status == 200);
    CHECK(dep_js.body == "export const f = 1;\n");
    // Modules in a cycle name each other by their hashed names too.
    auto a_js = c.request("GET", "/js/" + named_in(js.body, "./a", ".js").substr(2));
    CHECK(a_js.status == 200);
    auto b_name = named_in(a_js.body, "./b", ".js");
    REQUIRE_FALSE(b_name.empty());
    auto b_js = c.request("GET", "/js/" + b_name.substr(2));
    CHECK(b_js.body.find("from './" + named_in(js.body, "./a", ".js").substr(2) + "'") !=
          std::string::npos);

    // The plain names still work, as written, revalidated each time.
    auto plain = c.request("GET", "/js/main.js");
    CHECK(plain.status == 200);
    CHECK(plain.header("Cache-Control") == "no-cache");
    CHECK(plain.body.find("from './dep.js'") != std::string::npos);
    CHECK(c.request("GET", "/css/a.css").header("Cache-Control") == "no-cache");
    auto again = c.request("GET", "/js/main.js", {}, {{"If-None-Match", plain.header("ETag")}});
    CHECK(again.status == 304);

    // A hash this start did not make: today's file, not to be kept; no such file: 404.
    auto old = c.request("GET", "/js/lazy.00000000.js");
    CHECK(old.status == 200);
    CHECK(old.header("Cache-Control") == "no-cache");
    CHECK(old.body.find("export const lazy") != std::string::npos);
    CHECK(c.request("GET", "/js/nada.00000000.js").status == 404);
    CHECK(c.request("GET", "/js/main.0000000.js").status == 404);
}

TEST_CASE("hashed names: a changed file gets a new name on restart, and so do its importers") {
    site_server site;
    write_site(site.web.path);
    site.start();
    auto names = [&] {
        http_client c(site.server->port);
        auto page = c.request("GET", "/").body;
        auto main_js = named_in(page, "/js/main", ".js");
        auto js = c.request("GET", main_js).body;
        auto a = named_in(js, "./a", ".js");
        auto a_body = c.request("GET", "/js/" + a.substr(2)).body;
        return std::map<std::string, std::string>{{"main", main_js},
                                                  {"style", named_in(page, "/css/a", ".css")},
                                                  {"dep", named_in(js, "./dep", ".js")},
                                                  {"lazy", named_in(js, "./lazy", ".js")},
                                                  {"a", a},
                                                  {"b", named_in(a_body, "./b", ".js")}};
    };
    auto before = names();
    site.restart();
    CHECK(names() == before); // same bytes, same names: caches survive a restart

    write(site.web.path / "js" / "dep.js", "export const f = 2;\n");
    site.restart();
    auto after = names();
    CHECK(after.at("dep") != before.at("dep"));
    CHECK(after.at("main") != before.at("main")); // imports dep
    CHECK(after.at("lazy") != before.at("lazy")); // imports dep
    CHECK(after.at("a") == before.at("a"));
    CHECK(after.at("style") == before.at("style"));

    // A change in one file of an import cycle renames both.
    write(site.web.path / "js" / "b.js", "import { a } from './a.js';\nexport const b = 'B';\n");
    site.restart();
    auto cycle = names();
    CHECK(cycle.at("a") != after.at("a"));
    CHECK(cycle.at("b") != after.at("b"));
    CHECK(cycle.at("main") != after.at("main"));
    CHECK(cycle.at("dep") == after.at("dep"));
}

TEST_CASE("web/: every page asks for hashed scripts and styles, and the voter page's modules too") {
    running_server s;
    http_client c(s.port);
    const std::regex plain_name(R"re((src|href)="/(js|css)/[a-z0-9-]+\.(js|css)")re");
    for (std::string path : {"/", "/entrar.html", "/guia.html", "/c/CSIMB000001",
                             "/c/CSIMB000001/votar", "/c/CSIMB000001/moderar", "/nacional",
                             "/coordinacion.html", "/c/CSIMB000001/seguimiento"}) {
        CAPTURE(path);
        auto page = c.request("GET", path);
        REQUIRE(page.status == 200);
        CHECK_FALSE(std::regex_search(page.body, plain_name));
        auto app_css = named_in(page.body, "/css/app", ".css");
        REQUIRE_FALSE(app_css.empty());
        CHECK(c.request("GET", app_css).header("Cache-Control") ==
              "public, max-age=31536000, immutable");
    }
    auto page = c.request("GET", "/c/CSIMB000001/votar");
    auto votar = named_in(page.body, "/js/votar", ".js");
    auto js = c.request("GET", votar);
    CHECK(js.status == 200);
    CHECK(js.header("Content-Type") == "text/javascript; charset=utf-8");
    for (const auto* module : {"./live", "./live-view", "./words", "./votar-cosabi"})
        CHECK_FALSE(named_in(js.body, module, ".js").empty());
    CHECK(js.body.find("from './words.js'") == std::string::npos);
    CHECK(c.request("GET", "/js/votar.js").header("Cache-Control") == "no-cache");
}

} // namespace asset_names_test
