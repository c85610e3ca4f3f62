// Public copies of photos: a JPEG, a PNG and a WebP made here (the smallest real images, written
// byte by byte) and given metadata, the way a camera or an editor writes it (Exif with a GPS
// position, the owner and the camera's serial, XMP, IPTC, comments, PNG text chunks). After
// stripping, Exiv2 finds none of it, the telling text is nowhere in the bytes, and the
// compressed image data is the same byte for byte. Garbage, other kinds and oversized files are
// refused.
#include "documents/photo_metadata.hpp"

#include <doctest/doctest.h>

#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace asamblea;
using namespace asamblea::documents;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace photo_metadata_test {

namespace {

using namespace std::string_literals;

// What must never reach the public: where the photo was taken, who took it, with which camera.
const std::string owner = "Rosa Elvira Quintero Salas";
const std::string serial = "CAM-SN-4417-0932";
const std::string gps_latitude = "19/1 25/1 4213/100";
const std::string comment = "Tomada desde la casa de Rosa";

// ---- the smallest real images ----

// A 1 × 1 grey baseline JPEG: JFIF, one quantization table, a frame header, a DC and an AC
// Huffman table with one code each, then the scan (DC difference 0, end of block) and EOI.
std::string minimal_jpeg() {
    std::string j = "\xFF\xD8"s;
    j += "\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"s;
    j += "\xFF\xDB\x00\x43\x00"s + std::string(64, '\x01');
    j += "\xFF\xC0\x00\x0B\x08\x00\x01\x00\x01\x01\x01\x11\x00"s;
    j += "\xFF\xC4\x00\x14\x00\x01"s + std::string(15, '\0') + "\x00"s;
    j += "\xFF\xC4\x00\x14\x10\x01"s + std::string(15, '\0') + "\x00"s;
    j += "\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00"s;
    j += "\x3F"s; // the scan: bits 00, padded with ones
    j += "\xFF\xD9"s;
    return j;
}

std::uint32_t crc32(std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char c : bytes) {
        crc ^= c;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void put_u32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((v >> shift) & 0xFF);
}

std::string png_chunk(std::string_view type, std::string_view data) {
    std::string out;
    put_u32(out, static_cast<std::uint32_t>(data.size()));
    std::string body = std::string(type) + std::string(data);
    out += body;
    put_u32(out, crc32(body));
    return out;
}

const std::string png_signature = "\x89PNG\r\n\x1A\n"s;
const std::string png_header = png_chunk("IHDR", "\0\0\0\1\0\0\0\1\x08\x00\x00\x00\x00"s);
// One grey pixel (filter 0, value 0x80) in a stored, uncompressed deflate block, with its
// Adler-32.
const std::string png_pixels =
    png_chunk("IDAT", "\x78\x01\x01\x02\x00\xFD\xFF\x00\x80\x00\x82\x00\x81"s);

// A 1 × 1 grey PNG with `extra` chunks between the header and the pixels.
std::string minimal_png(const std::string& extra = {}) {
    return png_signature + png_header + extra + png_pixels + png_chunk("IEND", "");
}

// A 1 × 1 lossy WebP: RIFF, WEBP, one VP8 chunk.
std::string minimal_webp() {
    return "RIFF\x22\0\0\0WEBPVP8 \x16\0\0\0\x30\x01\x00\x9d\x01\x2a\x01\x00\x01\x00\x0e\xc0\xfe"
           "\x25\xa4\x00\x03\x70\x00\x00\x00\x00"s;
}

// ---- metadata, written by Exiv2 as cameras and editors write it ----

Exiv2::ExifData camera_exif() {
    Exiv2::ExifData exif;
    exif["Exif.Image.Make"] = "Fonocorp";
    exif["Exif.Image.Artist"] = owner;
    exif["Exif.Photo.BodySerialNumber"] = serial;
    exif["Exif.Photo.DateTimeOriginal"] = "2026:03:14 10:22:05";
    exif["Exif.GPSInfo.GPSLatitudeRef"] = "N";
    exif["Exif.GPSInfo.GPSLatitude"] = gps_latitude;
    exif["Exif.GPSInfo.GPSLongitudeRef"] = "W";
    exif["Exif.GPSInfo.GPSLongitude"] = "99/1 8/1 1174/100";
    return exif;
}

std::string io_bytes(Exiv2::Image& image) {
    auto& io = image.io();
    REQUIRE(io.open() == 0);
    Exiv2::DataBuf buf = io.read(static_cast<long>(io.size()));
    io.close();
    return std::string(reinterpret_cast<const char*>(buf.pData_),
                       static_cast<std::size_t>(buf.size_));
}

// The image with Exif (GPS, owner, serial), XMP and, where the format has them, IPTC and a
// comment added.
std::string with_metadata(const std::string& bytes) {
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(bytes.data()),
                                           static_cast<long>(bytes.size()));
    const bool opened = image.get() != nullptr;
    REQUIRE(opened);
    image->readMetadata();
    image->setExifData(camera_exif());
    Exiv2::XmpData xmp;
    xmp["Xmp.dc.creator"] = owner;
    xmp["Xmp.exif.GPSLatitude"] = "19,25.7021N";
    image->setXmpData(xmp);
    if (image->imageType() != Exiv2::ImageType::webp) { // Exiv2 writes neither into a WebP
        Exiv2::IptcData iptc;
        iptc["Iptc.Application2.Byline"] = owner;
        image->setIptcData(iptc);
        image->setComment(comment);
    }
    image->writeMetadata();
    return io_bytes(*image);
}

// The TIFF structure of an Exif block, as a PNG eXIf chunk carries it.
std::string exif_tiff() {
    Exiv2::Blob blob;
    Exiv2::ExifParser::encode(blob, Exiv2::bigEndian, camera_exif());
    return std::string(blob.begin(), blob.end());
}

struct found_metadata {
    long exif = 0, xmp = 0, iptc = 0;
    std::string comment;
    int type = 0;
};

// What Exiv2 reads back from the bytes.
found_metadata read_metadata(const std::string& bytes) {
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(bytes.data()),
                                           static_cast<long>(bytes.size()));
    const bool opened = image.get() != nullptr;
    REQUIRE(opened);
    image->readMetadata();
    return {image->exifData().count(), image->xmpData().count(), image->iptcData().count(),
            image->comment(), image->imageType()};
}

bool contains(const std::string& bytes, std::string_view text) {
    return bytes.find(text) != std::string::npos;
}

// Whatever identifies the photo's place, owner or camera, as it would sit in the bytes.
void check_nothing_telling(const std::string& bytes) {
    CHECK_FALSE(contains(bytes, owner));
    CHECK_FALSE(contains(bytes, serial));
    CHECK_FALSE(contains(bytes, "Fonocorp"));
    CHECK_FALSE(contains(bytes, "2026:03:14"));
    CHECK_FALSE(contains(bytes, "Exif\0\0"s));
    CHECK_FALSE(contains(bytes, "19,25.7021N"));
    CHECK_FALSE(contains(bytes, comment));
}

void check_no_metadata(const std::string& bytes, int expected_type) {
    auto found = read_metadata(bytes);
    CHECK(found.type == expected_type);
    CHECK(found.exif == 0);
    CHECK(found.xmp == 0);
    CHECK(found.iptc == 0);
    CHECK(found.comment.empty());
    check_nothing_telling(bytes);
}

// ---- where each format keeps its pixels ----

// A JPEG from its start of scan on: the scan header, the entropy-coded data, EOI. The segments
// before it are walked by their lengths, so no byte of metadata can pass for the marker.
std::string jpeg_scan(const std::string& j) {
    REQUIRE(j.starts_with("\xFF\xD8"s));
    std::size_t at = 2;
    while (at + 4 <= j.size()) {
        REQUIRE(static_cast<unsigned char>(j[at]) == 0xFF);
        if (static_cast<unsigned char>(j[at + 1]) == 0xDA)
            return j.substr(at);
        std::size_t length =
            static_cast<unsigned char>(j[at + 2]) * 256u + static_cast<unsigned char>(j[at + 3]);
        at += 2 + length;
    }
    FAIL("no start of scan");
    return {};
}

// The PNG's chunks in order, each as type and data.
std::vector<std::pair<std::string, std::string>> png_chunks(const std::string& p) {
    REQUIRE(p.starts_with(png_signature));
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t at = png_signature.size();
    while (at + 12 <= p.size()) {
        std::uint32_t length = 0;
        for (int k = 0; k < 4; ++k)
            length = length << 8 | static_cast<unsigned char>(p[at + k]);
        REQUIRE(at + 12 + length <= p.size());
        out.emplace_back(p.substr(at + 4, 4), p.substr(at + 8, length));
        at += 12 + length;
    }
    CHECK(at == p.size());
    return out;
}

// The WebP's chunk of this type (its data), or nothing.
std::string webp_chunk(const std::string& w, std::string_view type) {
    REQUIRE(w.size() >= 12);
    std::size_t at = 12;
    while (at + 8 <= w.size()) {
        std::uint32_t length = 0;
        for (int k = 3; k >= 0; --k)
            length = length << 8 | static_cast<unsigned char>(w[at + 4 + k]);
        if (w.substr(at, 4) == type)
            return w.substr(at + 8, length);
        at += 8 + length + (length & 1);
    }
    return {};
}

// The RIFF's stated size.
std::size_t little_endian_size(const std::string& riff) {
    std::size_t v = 0;
    for (int k = 3; k >= 0; --k)
        v = v << 8 | static_cast<unsigned char>(riff[4 + static_cast<std::size_t>(k)]);
    return v;
}

void check_refused(std::string_view bytes, domain::error_kind kind, const char* code) {
    INFO("input of " << bytes.size() << " bytes, starting " << bytes.substr(0, 8));
    auto out = strip_photo_metadata(bytes);
    REQUIRE_FALSE(out);
    CHECK(out.error().kind == kind);
    CHECK(out.error().code == code);
    CHECK(out.error().field == "file");
    CHECK_FALSE(out.error().message.empty());
}

} // namespace

TEST_CASE("a JPEG loses its Exif GPS, XMP, IPTC and comment; its scan stays byte for byte") {
    const std::string original = with_metadata(minimal_jpeg());
    // The input really carries what must go, or the test would prove nothing.
    auto before = read_metadata(original);
    REQUIRE(before.exif > 0);
    REQUIRE(before.xmp > 0);
    REQUIRE(before.iptc > 0);
    REQUIRE(before.comment == comment);
    REQUIRE(contains(original, owner));
    REQUIRE(contains(original, "Exif\0\0"s));

    auto stripped = strip_photo_metadata(original);
    REQUIRE(stripped);
    check_no_metadata(*stripped, Exiv2::ImageType::jpeg);
    CHECK(stripped->size() < original.size());
    CHECK(jpeg_scan(*stripped) == jpeg_scan(original));
    CHECK(jpeg_scan(*stripped) == jpeg_scan(minimal_jpeg()));
    // The JFIF header, the tables and the frame stay: the picture decodes as before.
    CHECK(contains(*stripped, "JFIF\0"s));
    CHECK(contains(*stripped, "\xFF\xC0\x00\x0B\x08\x00\x01\x00\x01"s));

    // Stripping twice changes nothing more.
    auto again = strip_photo_metadata(*stripped);
    REQUIRE(again);
    CHECK(*again == *stripped);
}

std::string be16(std::size_t v) {
    return {static_cast<char>(v >> 8 & 0xFF), static_cast<char>(v & 0xFF)};
}

std::string jpeg_segment(unsigned char marker, const std::string& data) {
    return "\xFF"s + static_cast<char>(marker) + be16(data.size() + 2) + data;
}

// The minimal JPEG with `segments` after its JFIF header and `after` past its end.
std::string jpeg_with(const std::string& segments, const std::string& after = {}) {
    const std::string j = minimal_jpeg();
    const std::size_t header_end = 2 + 18;
    return j.substr(0, header_end) + segments + j.substr(header_end) + after;
}

TEST_CASE("a JPEG keeps only the segments that decode it, and ends at its image's end") {
    // A colour profile: its size first, the "acsp" signature at 36, chunk 1 of 1.
    std::string icc(132, '\0');
    icc.replace(0, 4, "\0\0\0\x84"s);
    icc.replace(36, 4, "acsp");
    const std::string profile = "ICC_PROFILE\0\x01\x01"s + icc;
    const std::string adobe = "Adobe\0\x64\0\0\0\0\x01"s;
    // What cameras and phones add beyond Exif: extended XMP, a maker's segments, the MPF index,
    // a comment, and a second picture (with its own Exif) appended after the end of the image.
    const std::string extra =
        jpeg_segment(0xE1, "http://ns.adobe.com/xmp/extension/\0"s + owner) +
        jpeg_segment(0xE2, profile) + jpeg_segment(0xE2, "MPF\0MM\0\x2A"s + serial) +
        jpeg_segment(0xE3, "Meta " + serial) + jpeg_segment(0xEC, "Ducky " + owner) +
        jpeg_segment(0xEE, adobe) + jpeg_segment(0xEF, "maker " + gps_latitude) +
        jpeg_segment(0xFE, comment);
    const std::string second_picture =
        "\xFF\xD8"s + jpeg_segment(0xE1, "Exif\0\0MM " + owner) + "\xFF\xD9"s;
    const std::string original = jpeg_with(extra, second_picture);
    REQUIRE(contains(original, owner));
    REQUIRE(contains(original, serial));

    auto stripped = strip_photo_metadata(original);
    REQUIRE(stripped);
    check_no_metadata(*stripped, Exiv2::ImageType::jpeg);
    CHECK_FALSE(contains(*stripped, gps_latitude));
    CHECK_FALSE(contains(*stripped, "MPF"));
    CHECK_FALSE(contains(*stripped, "xmp/extension"));
    // The colour profile and Adobe's colour transform stay, as do the picture's own segments.
    CHECK(contains(*stripped, jpeg_segment(0xE2, profile)));
    CHECK(contains(*stripped, jpeg_segment(0xEE, adobe)));
    CHECK(jpeg_scan(*stripped) == jpeg_scan(minimal_jpeg()));
    CHECK(stripped->ends_with("\x3F\xFF\xD9"s));
}

TEST_CASE("a JPEG's scans are copied through stuffed bytes, restart markers and a second scan") {
    // Not a decodable picture, only the structure a progressive or restart-marked file has.
    const std::string scan_one = "\x12\xFF\x00\x34\xFF\xD0\x56\xFF\xD1\x78"s;
    const std::string between = jpeg_segment(0xC4, "\x00\x01"s + std::string(15, '\0') + "\x00"s);
    const std::string scan_two = "\x9A\xFF\x00\xBC"s;
    std::string j = minimal_jpeg();
    const std::size_t sos = j.find("\xFF\xDA"s);
    const std::string sos_header = j.substr(sos, 10);
    j = j.substr(0, sos) + jpeg_segment(0xDD, "\x00\x01"s) + sos_header + scan_one +
        jpeg_segment(0xFE, comment) + between + sos_header + scan_two + "\xFF\xD9"s;
    auto stripped = strip_photo_metadata(j);
    REQUIRE(stripped);
    CHECK(
        contains(*stripped, sos_header + scan_one + between + sos_header + scan_two + "\xFF\xD9"s));
    CHECK(contains(*stripped, jpeg_segment(0xDD, "\x00\x01"s))); // the restart interval
    CHECK_FALSE(contains(*stripped, comment));
}

TEST_CASE("a PNG loses its eXIf, text, XMP and time chunks; header and pixels stay") {
    const std::string xmp_packet = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf="
                                   "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:"
                                   "Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                                   "dc:creator=\"" +
                                   owner + "\"/></rdf:RDF></x:xmpmeta>";
    const std::string extra =
        png_chunk("tEXt", "Author\0"s + owner) + png_chunk("tEXt", "Comment\0"s + comment) +
        png_chunk("eXIf", exif_tiff()) +
        png_chunk("iTXt", "XML:com.adobe.xmp\0\0\0\0\0"s + xmp_packet) +
        png_chunk("tIME", "\x07\xEA\x03\x0E\x0A\x16\x05"s) +
        png_chunk("pHYs", "\0\0\x0B\x13\0\0\x0B\x13\x01"s) + png_chunk("prVt", "Camara " + serial);
    const std::string original = minimal_png(extra);
    auto before = read_metadata(original);
    REQUIRE(before.exif > 0); // Exiv2 reads the eXIf chunk
    REQUIRE(before.xmp > 0);
    REQUIRE(contains(original, owner));
    REQUIRE(contains(original, serial));

    auto stripped = strip_photo_metadata(original);
    REQUIRE(stripped);
    check_no_metadata(*stripped, Exiv2::ImageType::png);
    // Only what draws the picture is left, each chunk as it was.
    auto chunks = png_chunks(*stripped);
    REQUIRE(chunks.size() == 4);
    CHECK(chunks[0].first == "IHDR");
    CHECK(chunks[1].first == "pHYs");
    CHECK(chunks[2].first == "IDAT");
    CHECK(chunks[3].first == "IEND");
    CHECK(*stripped == minimal_png(png_chunk("pHYs", "\0\0\x0B\x13\0\0\x0B\x13\x01"s)));
    for (const auto& [type, data] : png_chunks(original))
        if (type == "IDAT")
            CHECK(data == chunks[2].second);
}

TEST_CASE("a PNG whose metadata Exiv2 wrote loses it too") {
    const std::string original = with_metadata(minimal_png());
    auto before = read_metadata(original);
    REQUIRE(before.exif > 0);
    REQUIRE(before.comment == comment);
    auto stripped = strip_photo_metadata(original);
    REQUIRE(stripped);
    check_no_metadata(*stripped, Exiv2::ImageType::png);
    CHECK(*stripped == minimal_png());
}

TEST_CASE("a WebP loses its EXIF and XMP chunks; the VP8 bitstream stays byte for byte") {
    const std::string original = with_metadata(minimal_webp());
    auto before = read_metadata(original);
    REQUIRE(before.exif > 0);
    REQUIRE(before.xmp > 0);
    REQUIRE(contains(original, serial));
    REQUIRE_FALSE(webp_chunk(original, "EXIF").empty());

    auto stripped = strip_photo_metadata(original);
    REQUIRE(stripped);
    check_no_metadata(*stripped, Exiv2::ImageType::webp);
    CHECK(webp_chunk(*stripped, "EXIF").empty());
    CHECK(webp_chunk(*stripped, "XMP ").empty());
    const std::string vp8 = webp_chunk(minimal_webp(), "VP8 ");
    REQUIRE_FALSE(vp8.empty());
    CHECK(webp_chunk(*stripped, "VP8 ") == vp8);
    // The RIFF size still counts every byte after it.
    CHECK(little_endian_size(*stripped) + 8 == stripped->size());
}

std::string le32(std::size_t v) {
    std::string out;
    for (int k = 0; k < 4; ++k)
        out += static_cast<char>(v >> (8 * k) & 0xFF);
    return out;
}

std::string riff_chunk(std::string_view type, const std::string& data) {
    return std::string(type) + le32(data.size()) + data + std::string(data.size() % 2, '\0');
}

TEST_CASE("a WebP keeps only the chunks that draw it: its colour profile, not a private chunk") {
    std::string icc(132, '\0');
    icc.replace(0, 4, "\0\0\0\x84"s);
    icc.replace(36, 4, "acsp");
    const std::string vp8 = webp_chunk(minimal_webp(), "VP8 ");
    // VP8X with the ICC, EXIF and XMP flags, canvas 1 × 1.
    const std::string body = "WEBP"s + riff_chunk("VP8X", "\x2C\0\0\0\0\0\0\0\0\0"s) +
                             riff_chunk("ICCP", icc) + riff_chunk("VP8 ", vp8) +
                             riff_chunk("EXIF", "Exif\0\0MM " + owner) +
                             riff_chunk("XMP ", "<x:xmpmeta>" + owner + "</x:xmpmeta>") +
                             riff_chunk("ROSA", "privado " + serial);
    const std::string original = "RIFF"s + le32(body.size()) + body + "basura " + owner;

    auto stripped = strip_photo_metadata(original);
    REQUIRE(stripped);
    check_no_metadata(*stripped, Exiv2::ImageType::webp);
    CHECK(webp_chunk(*stripped, "ROSA").empty());
    CHECK(webp_chunk(*stripped, "ICCP") == icc);
    CHECK(webp_chunk(*stripped, "VP8 ") == vp8);
    const std::string vp8x = webp_chunk(*stripped, "VP8X");
    REQUIRE(vp8x.size() == 10);
    CHECK(static_cast<unsigned char>(vp8x[0]) == 0x20); // only the ICC flag is left
    CHECK(little_endian_size(*stripped) + 8 == stripped->size());
}

TEST_CASE("a photo with no metadata comes back as it was") {
    auto jpeg = strip_photo_metadata(minimal_jpeg());
    REQUIRE(jpeg);
    CHECK(*jpeg == minimal_jpeg());
    auto png = strip_photo_metadata(minimal_png());
    REQUIRE(png);
    CHECK(*png == minimal_png());
}

TEST_CASE("what is not a JPEG, PNG or WebP is refused, and so is what cannot be read") {
    using domain::error_kind;
    check_refused("", error_kind::unsupported_media, "photo_unsupported");
    check_refused("esto no es una foto, es texto cualquiera", error_kind::unsupported_media,
                  "photo_unsupported");
    check_refused(std::string(4096, '\x5A'), error_kind::unsupported_media, "photo_unsupported");
    check_refused("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
                  error_kind::unsupported_media, "photo_unsupported");
    // A GIF: Exiv2 knows it, the follow-up does not take it.
    check_refused("GIF89a\x01\x00\x01\x00\x00\x00\x00;"s, error_kind::unsupported_media,
                  "photo_unsupported");
    // The right first bytes, then nothing that holds together.
    check_refused("\xFF\xD8\xFF\xE1\xFF\xF0"
                  "Exif\0\0"s,
                  error_kind::invalid, "photo_malformed");
    const std::string jpeg = minimal_jpeg();
    check_refused(jpeg.substr(0, jpeg.size() - 2), error_kind::invalid, "photo_malformed");
    const std::string png = minimal_png(png_chunk("tEXt", "Author\0"s + owner));
    check_refused(png.substr(0, png.size() - 20), error_kind::invalid, "photo_malformed");
    check_refused(png_signature + "\0\0\0\x0DIHDR"s, error_kind::invalid, "photo_malformed");
}

TEST_CASE("a photo over the cap is refused before it is parsed") {
    std::string big = with_metadata(minimal_jpeg());
    big.resize(max_photo_bytes + 1, '\0');
    check_refused(big, domain::error_kind::too_large, "photo_too_large");
    // Exactly the cap is read (and here refused only for what it holds, not for its size).
    big.resize(max_photo_bytes);
    auto at_cap = strip_photo_metadata(big);
    CHECK((at_cap || at_cap.error().code != "photo_too_large"));
}

TEST_CASE("photos are stripped from several threads at once") {
    const std::string jpeg = with_metadata(minimal_jpeg());
    const std::string webp = with_metadata(minimal_webp());
    std::array<bool, 8> ok{};
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < ok.size(); ++i)
        threads.emplace_back([&, i] {
            auto out = strip_photo_metadata(i % 2 == 0 ? jpeg : webp);
            ok[i] = out && !contains(*out, owner) && !contains(*out, serial);
        });
    for (auto& t : threads)
        t.join();
    for (bool b : ok)
        CHECK(b);
}

} // namespace photo_metadata_test
