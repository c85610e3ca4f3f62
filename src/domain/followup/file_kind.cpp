#include "domain/followup/file_kind.hpp"

namespace asamblea::domain {

std::optional<file_kind> sniff_file_kind(std::string_view b) {
    using namespace std::string_view_literals;
    if (b.starts_with("\xFF\xD8\xFF"sv))
        return file_kind::jpeg;
    if (b.starts_with("\x89PNG\r\n\x1A\n"sv))
        return file_kind::png;
    if (b.size() >= 12 && b.starts_with("RIFF"sv) && b.substr(8, 4) == "WEBP"sv)
        return file_kind::webp;
    if (b.starts_with("%PDF-"sv))
        return file_kind::pdf;
    // A CFDI is XML: an optional UTF-8 byte order mark and white space, then the first tag.
    if (b.starts_with("\xEF\xBB\xBF"sv))
        b.remove_prefix(3);
    auto first = b.find_first_not_of(" \t\r\n"sv);
    if (first != std::string_view::npos && b[first] == '<')
        return file_kind::xml;
    return std::nullopt;
}

std::string_view to_string(file_kind kind) {
    switch (kind) {
    case file_kind::jpeg:
        return "jpeg";
    case file_kind::png:
        return "png";
    case file_kind::webp:
        return "webp";
    case file_kind::pdf:
        return "pdf";
    case file_kind::xml:
        return "xml";
    }
    return "";
}

std::string_view mime_type(file_kind kind) {
    switch (kind) {
    case file_kind::jpeg:
        return "image/jpeg";
    case file_kind::png:
        return "image/png";
    case file_kind::webp:
        return "image/webp";
    case file_kind::pdf:
        return "application/pdf";
    case file_kind::xml:
        return "application/xml";
    }
    return "application/octet-stream";
}

} // namespace asamblea::domain
