// Public copies of photos against the real server: a JPEG carrying Exif (a GPS position, the
// owner's name) is posted straight to the API and added as the after photo; without any login,
// GET /api/public/c/{clues}/photos/{sha256} serves it without that metadata, while the
// committee's route still serves the original byte for byte. Documents, voided photos, another
// clinic and unknown files have no public copy.
#include "followup_helpers.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using nlohmann::json;
using namespace std::string_literals;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace public_photos_test {

namespace {

const std::string owner = "Rosa Elvira Quintero Salas";
const std::string gps_comment = "GPS 19.428547,-99.127713";

std::string be16(unsigned v) {
    return {static_cast<char>(v >> 8 & 0xFF), static_cast<char>(v & 0xFF)};
}

std::string be32(unsigned v) {
    return be16(v >> 16) + be16(v & 0xFFFF);
}

// One TIFF directory entry: tag, type, count, then the value (padded) or its offset.
std::string entry(unsigned tag, unsigned type, unsigned count, const std::string& value) {
    return be16(tag) + be16(type) + be32(count) + value + std::string(4 - value.size(), '\0');
}

// The Exif block a camera writes, in big-endian TIFF: IFD0 names the artist and points to the
// GPS directory, which holds the latitude (N 19° 25' 42.77").
std::string exif_block() {
    const std::string artist = owner + '\0';
    const unsigned ifd0 = 8, ifd0_size = 2 + 2 * 12 + 4;
    const unsigned artist_at = ifd0 + ifd0_size;
    const unsigned gps_at = artist_at + static_cast<unsigned>(artist.size()) + artist.size() % 2;
    const unsigned gps_size = 2 + 2 * 12 + 4;
    const unsigned rationals_at = gps_at + gps_size;
    std::string tiff = "MM\0\x2A"s + be32(ifd0);
    tiff += be16(2) + entry(0x013B, 2, static_cast<unsigned>(artist.size()), be32(artist_at)) +
            entry(0x8825, 4, 1, be32(gps_at)) + be32(0);
    tiff += artist + std::string(artist.size() % 2, '\0');
    tiff +=
        be16(2) + entry(0x0001, 2, 2, "N\0"s) + entry(0x0002, 5, 3, be32(rationals_at)) + be32(0);
    tiff += be32(19) + be32(1) + be32(25) + be32(1) + be32(4277) + be32(100);
    return "Exif\0\0"s + tiff;
}

std::string segment(unsigned marker, const std::string& data) {
    return "\xFF"s + static_cast<char>(marker) + be16(static_cast<unsigned>(data.size() + 2)) +
           data;
}

// A real 1 × 1 grey baseline JPEG, as a camera would post it: JFIF, the Exif block, a comment
// with the position, then the tables, the frame and the scan.
std::string camera_jpeg() {
    return "\xFF\xD8"s + segment(0xE0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0"s) +
           segment(0xE1, exif_block()) + segment(0xFE, gps_comment) +
           segment(0xDB, "\0"s + std::string(64, '\x01')) +
           segment(0xC0, "\x08\0\x01\0\x01\x01\x01\x11\0"s) +
           segment(0xC4, "\0\x01"s + std::string(15, '\0') + "\0"s) +
           segment(0xC4, "\x10\x01"s + std::string(15, '\0') + "\0"s) +
           segment(0xDA, "\x01\x01\0\0\x3F\0"s) + "\x3F\xFF\xD9"s;
}

// The scan: from the start-of-scan marker to the end (no metadata byte holds FF DA here).
std::string scan_of(const std::string& jpeg) {
    auto at = jpeg.rfind("\xFF\xDA"s);
    REQUIRE(at != std::string::npos);
    return jpeg.substr(at);
}

bool contains(const std::string& bytes, const std::string& text) {
    return bytes.find(text) != std::string::npos;
}

// Adds evidence to the work item; the work item as the answer shows it.
json add_evidence(followup_env& e, const std::string& kind, const std::string& sha) {
    auto r = e.as(e.presidenta, "POST", e.work_path("/evidence"),
                  {{"kind", kind}, {"file_sha256", sha}, {"taken_at", "2026-03-10T16:00:00.000Z"}});
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return body_of(r)["work"];
}

std::string public_url(const std::string& clues, const std::string& sha) {
    return "/api/public/c/" + clues + "/photos/" + sha;
}

void check_no_copy(http_client& c, const std::string& url) {
    INFO(url);
    auto r = c.request("GET", url);
    CHECK(r.status == 404);
    auto body = body_of(r);
    CHECK(body["error"] == "photo_not_found");
    CHECK(body["message"] == "No existe esa foto pública.");
}

} // namespace

TEST_CASE("public photos: the after photo is served to anyone without its Exif; the original "
          "stays for the committee") {
    followup_env e;
    const std::string original = camera_jpeg();
    REQUIRE(contains(original, "Exif\0\0"s));
    REQUIRE(contains(original, owner));
    const std::string sha = e.upload(e.presidenta, original);
    auto work = add_evidence(e, "foto_despues", sha);
    REQUIRE(work["evidence"].size() == 1);
    const std::string url = public_url("CSIMB000001", sha);
    CHECK(work["evidence"][0]["public_url"] == url);

    // No login at all: a fresh connection with no Authorization header.
    http_client anyone(e.s.port);
    auto r = anyone.request("GET", url);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.header("Content-Type") == "image/jpeg");
    CHECK(r.header("Cache-Control") == "public, max-age=31536000, immutable");
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    CHECK(r.body != original);
    CHECK_FALSE(contains(r.body, "Exif\0\0"s));
    CHECK_FALSE(contains(r.body, owner));
    CHECK_FALSE(contains(r.body, gps_comment));
    CHECK_FALSE(contains(r.body, be32(4277) + be32(100))); // the seconds of the latitude
    CHECK(r.body.starts_with("\xFF\xD8\xFF"s));
    CHECK(scan_of(r.body) == scan_of(original)); // the pixels, untouched

    // Asked again (now from the kept copy), the same bytes; a revalidation is a 304.
    auto again = anyone.request("GET", url);
    CHECK(again.status == 200);
    CHECK(again.body == r.body);
    auto unchanged = anyone.request("GET", url, "", {{"If-None-Match", r.header("ETag")}});
    CHECK(unchanged.status == 304);

    // The committee's route still serves the proof as it was uploaded, and the stored original is
    // untouched on disk.
    auto proof = e.as(e.presidenta, "GET", "/files/" + sha);
    REQUIRE(proof.status == 200);
    CHECK(proof.body == original);
    auto stored = e.s.srv->store().evidence().read(sha);
    REQUIRE(stored);
    CHECK(*stored == original);
    // The staff route is not opened to the public by this.
    CHECK(anyone.request("GET", "/api/c/CSIMB000001/files/" + sha).status == 401);
}

TEST_CASE("public photos: documents, voided photos, other clinics and unknown files have none") {
    followup_env e;
    const std::string photo_sha = e.upload(e.presidenta, camera_jpeg());
    const std::string document_sha = e.upload(e.presidenta, pdf_bytes("acta de entrega"));
    auto work = add_evidence(e, "foto_antes", photo_sha);
    work = add_evidence(e, "entrega_recepcion", document_sha);
    REQUIRE(work["evidence"].size() == 2);
    CHECK(work["evidence"][0]["public_url"] == public_url("CSIMB000001", photo_sha));
    CHECK(work["evidence"][1]["public_url"].is_null());

    http_client anyone(e.s.port);
    REQUIRE(anyone.request("GET", public_url("CSIMB000001", photo_sha)).status == 200);
    check_no_copy(anyone, public_url("CSIMB000001", document_sha));
    check_no_copy(anyone, public_url("CSIMB000002", photo_sha));
    check_no_copy(anyone, public_url("CSIMB000001", std::string(64, 'a')));
    // A name that climbs out of the folder never reaches a file (the router or the handler).
    CHECK(anyone.request("GET", public_url("CSIMB000001", "../../secret.key")).status == 404);
    CHECK(anyone.request("GET", public_url("CSIMB000001", "..%2F..%2Fsecret.key")).status == 404);
    check_no_copy(anyone, public_url("CSIMB000001", std::string(64, 'A')));
    check_no_copy(anyone, public_url("NO-EXISTE", photo_sha));

    // Voided, the photo leaves the public, even with its copy already made.
    const std::int64_t id = work["evidence"][0]["id"];
    auto voided = e.as(e.presidenta, "POST", "/evidence/" + std::to_string(id) + "/void",
                       {{"reason", "Foto de otra obra"}});
    REQUIRE_MESSAGE(voided.status == 200, voided.body);
    CHECK(body_of(voided)["evidence"][0]["public_url"].is_null());
    check_no_copy(anyone, public_url("CSIMB000001", photo_sha));
    // The committee still has the original on record.
    CHECK(e.as(e.presidenta, "GET", "/files/" + photo_sha).status == 200);
}

} // namespace public_photos_test
