#include "run_command.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace import_clinics_test {

namespace {

struct scratch {
    fs::path dir;
    scratch() {
        dir =
            fs::temp_directory_path() / ("asamblea-cli-" + std::to_string(std::random_device{}()));
        fs::create_directories(dir);
    }
    ~scratch() { fs::remove_all(dir); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    }
    std::string data() const { return (dir / "data").string(); }
};

const std::string header = "clues,nombre,entidad,municipio,institucion,consultorios,tipo\n";

long long count_clinics(const scratch& s) {
    SQLite::Database db(s.data() + "/asamblea.db", SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM clinics").getInt64();
}

} // namespace

TEST_CASE("import-clinics imports, then updates on re-import without duplicating") {
    scratch s;
    auto file =
        s.write("ok.csv", header + "CSIMB000001,Uno,Chiapas,Ocosingo,IMSS-BIENESTAR,1,UMR\n"
                                   "CSIMB000002,Dos,Chiapas,Palenque,IMSS-BIENESTAR,6,UMF\n");
    auto first = run_command("import-clinics --data " + s.data() + " " + file);
    CHECK(first.exit_code == 0);
    CHECK(first.output.find("2 nuevas") != std::string::npos);
    auto again = run_command("import-clinics --data " + s.data() + " " + file);
    CHECK(again.exit_code == 0);
    CHECK(again.output.find("0 nuevas, 2 actualizadas") != std::string::npos);
    CHECK(count_clinics(s) == 2);
}

TEST_CASE("a bad CSV is rejected whole, naming every bad line") {
    scratch s;
    auto good = s.write("good.csv", header + "CSIMB000001,Uno,Chiapas,Ocosingo,IMSS,1,UMR\n");
    REQUIRE(run_command("import-clinics --data " + s.data() + " " + good).exit_code == 0);
    auto bad = s.write("bad.csv", header + "CSIMB000009,Nueve,Chiapas,Ocosingo,IMSS,1,UMR\n"
                                           "CSIMB00000X,Mala,Chiapas,Ocosingo,IMSS,1,UMR\n"
                                           "CSIMB000010,Diez,Chiapas,Ocosingo,IMSS,-3,UMR\n"
                                           "CSIMB000009,Repetida,Chiapas,Ocosingo,IMSS,1,UMR\n");
    auto r = run_command("import-clinics --data " + s.data() + " " + bad);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("bad.csv:3:") != std::string::npos);
    CHECK(r.output.find("bad.csv:4:") != std::string::npos);
    CHECK(r.output.find("bad.csv:5:") != std::string::npos);
    CHECK(r.output.find("bad.csv:2:") == std::string::npos);
    CHECK(r.output.find("no se importó nada") != std::string::npos);
    CHECK(count_clinics(s) == 1); // the good line 2 of the bad file was not imported either
}

TEST_CASE("unknown columns and wrong encodings are refused") {
    scratch s;
    auto extra = s.write("extra.csv", "clues,nombre,entidad,municipio,institucion,consultorios,"
                                      "tipo,color\nCSIMB000001,Uno,Chiapas,X,IMSS,1,UMR,rojo\n");
    auto r = run_command("import-clinics --data " + s.data() + " " + extra);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("extra.csv:1:") != std::string::npos);
    CHECK(r.output.find("color") != std::string::npos);
    auto latin1 = s.write("latin1.csv", header + "CSIMB000001,Cl\xEDnica,Chiapas,X,IMSS,1,UMR\n");
    auto l = run_command("import-clinics --data " + s.data() + " " + latin1);
    CHECK(l.exit_code == 1);
    CHECK(l.output.find("latin1.csv:2:") != std::string::npos);
    CHECK(l.output.find("UTF-8") != std::string::npos);
}

TEST_CASE("user add hashes the password and refuses bad input") {
    scratch s;
    auto file = s.write("ok.csv", header + "CSIMB000001,Uno,Chiapas,Ocosingo,IMSS,1,UMR\n");
    REQUIRE(run_command("import-clinics --data " + s.data() + " " + file).exit_code == 0);
    auto ok = run_command("user add ana --role moderator --clinic CSIMB000001 --data " + s.data() +
                              " --password-stdin",
                          "una-clave-muy-larga");
    CHECK(ok.exit_code == 0);
    auto dup = run_command("user add ana --role moderator --clinic CSIMB000001 --data " + s.data() +
                               " --password-stdin",
                           "una-clave-muy-larga");
    CHECK(dup.exit_code == 1);
    CHECK(dup.output.find("Ya existe") != std::string::npos);
    auto short_pw = run_command(
        "user add beto --role coordinator --data " + s.data() + " --password-stdin", "corta");
    CHECK(short_pw.exit_code == 1);
    auto no_clinic =
        run_command("user add caro --role moderator --data " + s.data() + " --password-stdin",
                    "una-clave-muy-larga");
    CHECK(no_clinic.exit_code == 1);
    auto bad_role = run_command("user add dani --role rey --data " + s.data() + " --password-stdin",
                                "una-clave-muy-larga");
    CHECK(bad_role.exit_code == 1);
}

} // namespace import_clinics_test

namespace import_clinics_test {

TEST_CASE("with a shard map, import-clinics keeps the shard's clinics and counts the others") {
    scratch s;
    auto map = s.write("shards.conf", "sur 127.0.0.1:9001 CS*\ncentro 127.0.0.1:9002 DF*\n");
    auto file = s.write("mix.csv", header + "CSIMB000001,Uno,Chiapas,Ocosingo,IMSS,1,UMR\n"
                                            "DFIST000003,Tres,CDMX,Tlalpan,ISSSTE,8,UMF\n"
                                            "CSIMB000002,Dos,Chiapas,Palenque,IMSS,6,UMF\n");
    auto r = run_command("import-clinics --data " + s.data() + " --shards " + map +
                         " --shard sur " + file);
    CHECK_MESSAGE(r.exit_code == 0, r.output);
    CHECK(r.output.find("Importadas 2 unidades") != std::string::npos);
    CHECK(r.output.find("1 unidad(es) de otros shards no se importaron") != std::string::npos);
    CHECK(count_clinics(s) == 2);
}

TEST_CASE("a clinic no shard owns, a bad map or an unknown shard import nothing") {
    scratch s;
    auto map = s.write("shards.conf", "sur 127.0.0.1:9001 CS*\n");
    auto file = s.write("mix.csv", header + "CSIMB000001,Uno,Chiapas,Ocosingo,IMSS,1,UMR\n"
                                            "JCIMB000004,Cuatro,Jalisco,Tala,IMSS,1,UMR\n");
    auto orphan = run_command("import-clinics --data " + s.data() + " --shards " + map +
                              " --shard sur " + file);
    CHECK(orphan.exit_code != 0);
    CHECK_MESSAGE(orphan.output.find("mix.csv:3:") != std::string::npos, orphan.output);
    CHECK(orphan.output.find("JCIMB000004") != std::string::npos);

    auto overlap = s.write("overlap.conf", "sur 127.0.0.1:9001 CS*\n# two owners\n"
                                           "centro 127.0.0.1:9002 CSIMB*\n");
    auto bad = run_command("import-clinics --data " + s.data() + " --shards " + overlap +
                           " --shard sur " + file);
    CHECK(bad.exit_code != 0);
    CHECK_MESSAGE(bad.output.find("overlap.conf:3:") != std::string::npos, bad.output);

    auto unknown = run_command("import-clinics --data " + s.data() + " --shards " + map +
                               " --shard norte " + file);
    CHECK(unknown.exit_code != 0);
    CHECK(unknown.output.find("norte") != std::string::npos);
    // --shards needs --shard.
    CHECK(run_command("import-clinics --data " + s.data() + " --shards " + map + " " + file)
              .exit_code != 0);
    CHECK_FALSE(std::filesystem::exists(s.data() + "/asamblea.db"));
}

} // namespace import_clinics_test
