#include "documents/photo_metadata.hpp"

#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp> // not among exiv2.hpp's includes in 0.27

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <mutex>
#include <utility>

namespace asamblea::documents {
namespace {

using domain::error_kind;

std::unexpected<domain::error> unsupported() {
    return domain::fail(error_kind::unsupported_media, "photo_unsupported",
                        "La foto debe ser JPEG, PNG o WebP.", "file");
}

std::unexpected<domain::error> malformed_photo() {
    return domain::fail(error_kind::invalid, "photo_malformed",
                        "No se pudo leer la foto: el archivo está dañado o incompleto.", "file");
}

// Exiv2 0.27 sets up its XMP toolkit lazily and not thread-safely, so it is done once here before
// any image is opened. Its log goes quiet: a hostile file must not fill the server's stderr, and
// every failure reaches the caller as a value anyway.
void init_exiv2() {
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
        Exiv2::XmpParser::initialize();
    });
}

// ---- PNG: the chunks that say how to draw the picture, nothing else ----

// Exiv2 removes its own containers (eXIf, XMP's iTXt, the "Raw profile" text chunks, the
// Description) but copies every other text chunk, where an "Author" or a "Comment" lives. Kept
// by name instead: the critical chunks, colour and transparency, pixel size, and animation;
// text, time stamps, eXIf and private chunks are dropped, as is anything after IEND.
constexpr std::array<std::string_view, 20> png_kept = {
    "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB",
    "cICP", "mDCv", "cLLi", "bKGD", "hIST", "pHYs", "sPLT", "acTL", "fcTL", "fdAT"};
constexpr std::size_t png_signature_bytes = 8;
constexpr std::size_t png_chunk_overhead = 12; // length, type, CRC

std::uint32_t big_endian_u32(std::string_view b) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[0])) << 24 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[1])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[2])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[3]));
}

domain::result<std::string> keep_png_drawing_chunks(std::string_view png) {
    if (png.size() < png_signature_bytes)
        return malformed_photo();
    std::string out(png.substr(0, png_signature_bytes));
    std::size_t at = png_signature_bytes;
    while (true) {
        if (png.size() - at < png_chunk_overhead)
            return malformed_photo(); // no IEND
        const std::size_t length = big_endian_u32(png.substr(at, 4));
        if (length > png.size() - at - png_chunk_overhead)
            return malformed_photo();
        const std::string_view type = png.substr(at + 4, 4);
        const std::string_view chunk = png.substr(at, length + png_chunk_overhead);
        for (auto kept : png_kept)
            if (type == kept) {
                out.append(chunk);
                break;
            }
        if (type == "IEND")
            return out;
        at += chunk.size();
    }
}

// ---- WebP: the chunks that draw the picture, nothing else ----

// Exiv2 removes the EXIF and XMP chunks but copies any other chunk, where a tool may keep what
// it likes. Kept by name instead: the extended header, the colour profile, animation, alpha and
// the bitstreams; anything past the RIFF's stated size is dropped.
constexpr std::array<std::string_view, 7> webp_kept = {"VP8X", "ICCP", "ANIM", "ANMF",
                                                       "ALPH", "VP8 ", "VP8L"};
constexpr std::size_t riff_header_bytes = 12; // "RIFF", size, "WEBP"
constexpr std::size_t riff_chunk_header_bytes = 8;
// VP8X flags of the EXIF and XMP chunks, which are never kept.
constexpr unsigned char vp8x_metadata_flags = 0x08 | 0x04;

std::uint32_t little_endian_u32(std::string_view b) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[3])) << 24 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[0]));
}

void put_little_endian_u32(std::string& out, std::size_t at, std::uint32_t v) {
    for (int k = 0; k < 4; ++k)
        out[at + static_cast<std::size_t>(k)] = static_cast<char>((v >> (8 * k)) & 0xFF);
}

domain::result<std::string> keep_webp_drawing_chunks(std::string_view webp) {
    if (webp.size() < riff_header_bytes || !webp.starts_with("RIFF") || webp.substr(8, 4) != "WEBP")
        return malformed_photo();
    const std::size_t stated = little_endian_u32(webp.substr(4, 4));
    if (stated < 4 || stated > webp.size() - 8)
        return malformed_photo();
    const std::size_t end = 8 + stated;
    std::string out(webp.substr(0, riff_header_bytes));
    for (std::size_t at = riff_header_bytes; at < end;) {
        if (end - at < riff_chunk_header_bytes)
            return malformed_photo();
        const std::size_t length = little_endian_u32(webp.substr(at + 4, 4));
        const std::size_t padded = length + (length & 1);
        if (padded > end - at - riff_chunk_header_bytes)
            return malformed_photo();
        const std::string_view type = webp.substr(at, 4);
        if (std::ranges::find(webp_kept, type) != webp_kept.end()) {
            const std::size_t copied_at = out.size();
            out.append(webp.substr(at, riff_chunk_header_bytes + padded));
            if (type == "VP8X" && length > 0)
                out[copied_at + riff_chunk_header_bytes] = static_cast<char>(
                    static_cast<unsigned char>(out[copied_at + riff_chunk_header_bytes]) &
                    ~vp8x_metadata_flags);
        }
        at += riff_chunk_header_bytes + padded;
    }
    put_little_endian_u32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
    return out;
}

// ---- JPEG: the segments that decode the picture, nothing else ----

// Exiv2 rewrites its own containers (Exif and XMP in APP1, IPTC in APP13, comments) but copies
// every other segment and whatever follows the image: extended XMP, a maker's APPn, the MPF index
// and the second pictures phones append after the end of the image, each of which may carry an
// Exif block of its own. Kept by name instead: APP0 (JFIF), APP2 holding the colour profile,
// APP14 (Adobe: how the samples become colours) and every segment that is not APPn or COM; the
// scans are copied byte for byte and the file ends at the image's EOI.
constexpr unsigned char jpeg_sos = 0xDA;
constexpr unsigned char jpeg_eoi = 0xD9;
constexpr unsigned char jpeg_com = 0xFE;

unsigned char byte_at(std::string_view b, std::size_t i) {
    return static_cast<unsigned char>(b[i]);
}

bool keeps_app_segment(unsigned char marker, std::string_view data) {
    using namespace std::string_view_literals;
    switch (marker) {
    case 0xE0:
        return data.starts_with("JFIF\0"sv) || data.starts_with("JFXX\0"sv);
    case 0xE2:
        return data.starts_with("ICC_PROFILE\0"sv);
    case 0xEE:
        return data.starts_with("Adobe"sv);
    default:
        return false;
    }
}

// The entropy-coded data after a start of scan, up to the next marker (a stuffed FF 00 and the
// restart markers belong to the data); where it ends, or npos when the file ends first.
std::size_t scan_end(std::string_view jpeg, std::size_t at) {
    for (; at + 1 < jpeg.size(); ++at) {
        if (byte_at(jpeg, at) != 0xFF)
            continue;
        const unsigned char next = byte_at(jpeg, at + 1);
        if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF)
            continue;
        return at;
    }
    return std::string_view::npos;
}

domain::result<std::string> keep_jpeg_drawing_segments(std::string_view jpeg) {
    if (jpeg.size() < 4 || byte_at(jpeg, 0) != 0xFF || byte_at(jpeg, 1) != 0xD8)
        return malformed_photo();
    std::string out(jpeg.substr(0, 2));
    std::size_t at = 2;
    while (true) {
        if (at + 2 > jpeg.size() || byte_at(jpeg, at) != 0xFF)
            return malformed_photo();
        const unsigned char marker = byte_at(jpeg, at + 1);
        if (marker == 0xFF) { // a fill byte before the marker
            ++at;
            continue;
        }
        if (marker == jpeg_eoi) {
            out.append("\xFF\xD9");
            return out; // anything after the image is dropped
        }
        if (marker == 0xD8 || marker == 0x00)
            return malformed_photo();
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
            out.append(jpeg.substr(at, 2));
            at += 2;
            continue;
        }
        if (at + 4 > jpeg.size())
            return malformed_photo();
        const std::size_t length = byte_at(jpeg, at + 2) * 256u + byte_at(jpeg, at + 3);
        if (length < 2 || length > jpeg.size() - at - 2)
            return malformed_photo();
        const std::string_view segment = jpeg.substr(at, 2 + length);
        const bool is_app = marker >= 0xE0 && marker <= 0xEF;
        if (marker != jpeg_com && (!is_app || keeps_app_segment(marker, segment.substr(4))))
            out.append(segment);
        at += segment.size();
        if (marker == jpeg_sos) {
            const std::size_t end = scan_end(jpeg, at);
            if (end == std::string_view::npos)
                return malformed_photo();
            out.append(jpeg.substr(at, end - at));
            at = end;
        }
    }
}

// ---- Exiv2 ----

// Exiv2's number for each kind the follow-up takes as a photo; none for the others.
int exiv2_type(domain::file_kind kind) {
    switch (kind) {
    case domain::file_kind::jpeg:
        return Exiv2::ImageType::jpeg;
    case domain::file_kind::png:
        return Exiv2::ImageType::png;
    case domain::file_kind::webp:
        return Exiv2::ImageType::webp;
    default:
        return Exiv2::ImageType::none;
    }
}

// Exiv2 throws on anything it cannot parse; the caller maps a throw to photo_malformed.
domain::result<std::string> strip_with_exiv2(std::string_view bytes, int expected_type) {
    const auto* data = reinterpret_cast<const Exiv2::byte*>(bytes.data());
    const auto size = static_cast<long>(bytes.size());
    // Exiv2 must see the same kind as the first bytes say, or its rewrite is of something else.
    if (Exiv2::ImageFactory::getType(data, size) != expected_type)
        return malformed_photo();
    auto image = Exiv2::ImageFactory::open(data, size);
    if (image.get() == nullptr || image->imageType() != expected_type)
        return malformed_photo();
    image->readMetadata();
    // The colour profile says how to show the pixels (a phone's wide-gamut photo looks dull
    // without it) and names no person, place or camera: it goes back in.
    Exiv2::DataBuf profile;
    if (image->iccProfileDefined())
        profile = Exiv2::DataBuf(image->iccProfile()->pData_, image->iccProfile()->size_);
    image->clearMetadata();
    if (profile.size_ > 0)
        image->setIccProfile(profile, false);
    image->writeMetadata();

    Exiv2::BasicIo& io = image->io();
    if (io.open() != 0)
        return malformed_photo();
    const long written = static_cast<long>(io.size());
    Exiv2::DataBuf out = io.read(written);
    io.close();
    if (out.size_ != written)
        return malformed_photo();
    return std::string(reinterpret_cast<const char*>(out.pData_),
                       static_cast<std::size_t>(out.size_));
}

} // namespace

domain::result<std::string> strip_photo_metadata(std::string_view bytes) {
    if (bytes.size() > max_photo_bytes)
        return domain::fail(
            error_kind::too_large, "photo_too_large",
            "La foto pasa de " + std::to_string(max_photo_bytes / (1024 * 1024)) + " MB.", "file");
    // The kind from the first bytes, as every upload is told (domain::sniff_file_kind): Exiv2 is
    // asked only about the three kinds it is trusted with here.
    const auto kind = domain::sniff_file_kind(bytes.substr(0, 64));
    const int expected_type = kind ? exiv2_type(*kind) : Exiv2::ImageType::none;
    if (expected_type == Exiv2::ImageType::none)
        return unsupported();
    init_exiv2();
    domain::result<std::string> stripped = malformed_photo();
    try {
        stripped = strip_with_exiv2(bytes, expected_type);
    } catch (const Exiv2::AnyError&) {
        return malformed_photo();
    } catch (const std::exception&) {
        return malformed_photo();
    } catch (...) {
        return malformed_photo();
    }
    if (stripped && *kind == domain::file_kind::png)
        return keep_png_drawing_chunks(*stripped);
    if (stripped && *kind == domain::file_kind::jpeg)
        return keep_jpeg_drawing_segments(*stripped);
    if (stripped && *kind == domain::file_kind::webp)
        return keep_webp_drawing_chunks(*stripped);
    return stripped;
}

} // namespace asamblea::documents
