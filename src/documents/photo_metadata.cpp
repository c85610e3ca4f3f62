#include "documents/photo_metadata.hpp"

#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp> // not among exiv2.hpp's includes in 0.27

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

std::unexpected<domain::error> malformed() {
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
        return malformed();
    std::string out(png.substr(0, png_signature_bytes));
    std::size_t at = png_signature_bytes;
    while (true) {
        if (png.size() - at < png_chunk_overhead)
            return malformed(); // no IEND
        const std::size_t length = big_endian_u32(png.substr(at, 4));
        if (length > png.size() - at - png_chunk_overhead)
            return malformed();
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
        return malformed();
    auto image = Exiv2::ImageFactory::open(data, size);
    if (image.get() == nullptr || image->imageType() != expected_type)
        return malformed();
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
        return malformed();
    const long written = static_cast<long>(io.size());
    Exiv2::DataBuf out = io.read(written);
    io.close();
    if (out.size_ != written)
        return malformed();
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
    domain::result<std::string> stripped = malformed();
    try {
        stripped = strip_with_exiv2(bytes, expected_type);
    } catch (const Exiv2::AnyError&) {
        return malformed();
    } catch (const std::exception&) {
        return malformed();
    } catch (...) {
        return malformed();
    }
    if (stripped && *kind == domain::file_kind::png)
        return keep_png_drawing_chunks(*stripped);
    return stripped;
}

} // namespace asamblea::documents
