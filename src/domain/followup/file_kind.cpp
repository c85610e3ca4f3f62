#include "domain/followup/file_kind.hpp"

#include <array>

namespace asamblea::domain {
namespace {

constexpr std::array<std::string_view, 5> file_kind_names = {"jpeg", "png", "webp", "pdf", "xml"};
constexpr std::array<std::string_view, 5> mime_types = {"image/jpeg", "image/png", "image/webp",
                                                        "application/pdf", "application/xml"};

constexpr std::string_view jpeg_magic = "\xFF\xD8\xFF";
constexpr std::string_view png_magic = "\x89PNG\r\n\x1A\n";
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool is_image(file_kind k) {
    return k == file_kind::jpeg || k == file_kind::png || k == file_kind::webp;
}

} // namespace

std::optional<file_kind> sniff_file_kind(std::string_view b) {
    if (b.starts_with(jpeg_magic))
        return file_kind::jpeg;
    if (b.starts_with(png_magic))
        return file_kind::png;
    if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP")
        return file_kind::webp;
    if (b.starts_with("%PDF-"))
        return file_kind::pdf;
    if (b.starts_with(utf8_bom))
        b.remove_prefix(utf8_bom.size());
    while (!b.empty() &&
           (b.front() == ' ' || b.front() == '\t' || b.front() == '\n' || b.front() == '\r'))
        b.remove_prefix(1);
    if (b.starts_with('<'))
        return file_kind::xml;
    return std::nullopt;
}

std::string_view to_string(file_kind k) {
    return file_kind_names[static_cast<std::size_t>(k)];
}

std::string_view mime_type(file_kind k) {
    return mime_types[static_cast<std::size_t>(k)];
}

bool allowed_for(evidence_kind evidence, file_kind k) {
    if (is_photo(evidence))
        return is_image(k);
    return is_image(k) || k == file_kind::pdf;
}

} // namespace asamblea::domain
