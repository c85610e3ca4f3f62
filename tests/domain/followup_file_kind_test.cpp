// File kinds from their first bytes, what each evidence kind takes, and the upload cap.
#include "domain/followup/file_kind.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_file_kind_test {

namespace {

std::string bytes(std::initializer_list<unsigned char> list) {
    std::string out;
    for (auto b : list)
        out += static_cast<char>(b);
    return out;
}

} // namespace

TEST_CASE("real headers are recognized") {
    // A JFIF JPEG and an Exif one, as phones write them.
    CHECK(sniff_file_kind(bytes({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00})) ==
          file_kind::jpeg);
    CHECK(sniff_file_kind(bytes({0xFF, 0xD8, 0xFF, 0xE1, 0x2A, 0x4C, 'E', 'x', 'i', 'f'})) ==
          file_kind::jpeg);
    CHECK(sniff_file_kind(bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00,
                                 0x0D, 'I', 'H', 'D', 'R'})) == file_kind::png);
    CHECK(sniff_file_kind(bytes({'R', 'I', 'F', 'F', 0x24, 0x5A, 0x01, 0x00, 'W', 'E', 'B', 'P',
                                 'V', 'P', '8', ' '})) == file_kind::webp);
    CHECK(sniff_file_kind("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n") == file_kind::pdf);
    CHECK(sniff_file_kind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cfdi:Comprobante") ==
          file_kind::xml);
    CHECK(sniff_file_kind("\xEF\xBB\xBF<?xml version=\"1.0\"?>") == file_kind::xml);
    CHECK(sniff_file_kind("\xEF\xBB\xBF \r\n\t<cfdi:Comprobante Version=\"4.0\"") ==
          file_kind::xml);
}

TEST_CASE("near misses are not recognized") {
    CHECK_FALSE(sniff_file_kind(""));
    CHECK_FALSE(sniff_file_kind(bytes({0xFF, 0xD8})));                            // cut JPEG
    CHECK_FALSE(sniff_file_kind(bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A}))); // cut PNG
    CHECK_FALSE(sniff_file_kind(
        bytes({'R', 'I', 'F', 'F', 0x24, 0x5A, 0x01, 0x00, 'W', 'A', 'V', 'E'}))); // a WAV file
    CHECK_FALSE(sniff_file_kind("RIFF1234WEB"));
    CHECK_FALSE(sniff_file_kind("%PDF1.7"));
    CHECK_FALSE(sniff_file_kind("GIF89a"));
    CHECK_FALSE(sniff_file_kind("hello <xml>"));
    CHECK_FALSE(sniff_file_kind(bytes({0x00, 0x00, 0x00, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i',
                                       'c'}))); // HEIC is not taken (yet)
}

TEST_CASE("names and media types") {
    CHECK(to_string(file_kind::webp) == "webp");
    CHECK(mime_type(file_kind::jpeg) == "image/jpeg");
    CHECK(mime_type(file_kind::png) == "image/png");
    CHECK(mime_type(file_kind::webp) == "image/webp");
    CHECK(mime_type(file_kind::pdf) == "application/pdf");
    CHECK(mime_type(file_kind::xml) == "application/xml");
}

TEST_CASE("photos take images; documents also take PDF; nothing takes XML") {
    for (auto k :
         {evidence_kind::foto_antes, evidence_kind::foto_durante, evidence_kind::foto_despues}) {
        CHECK(allowed_for(k, file_kind::jpeg));
        CHECK(allowed_for(k, file_kind::png));
        CHECK(allowed_for(k, file_kind::webp));
        CHECK_FALSE(allowed_for(k, file_kind::pdf));
        CHECK_FALSE(allowed_for(k, file_kind::xml));
    }
    for (auto k :
         {evidence_kind::entrega_recepcion, evidence_kind::contrato, evidence_kind::documento}) {
        CHECK(allowed_for(k, file_kind::pdf));
        CHECK(allowed_for(k, file_kind::jpeg));
        CHECK(allowed_for(k, file_kind::webp));
        CHECK_FALSE(allowed_for(k, file_kind::xml));
    }
    CHECK(max_upload_bytes == 10'485'760);
}

} // namespace followup_file_kind_test
