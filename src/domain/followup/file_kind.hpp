#pragma once
/// The kinds of evidence file accepted, told from their first bytes, never from a name or header.

#include <cstddef>
#include <optional>
#include <string_view>

namespace asamblea::domain {

enum class file_kind { jpeg, png, webp, pdf, xml };

/// The largest evidence file accepted: a phone's photo or a scanned PDF fits.
inline constexpr std::size_t max_upload_bytes = 10 * 1024 * 1024;

/// The kind of file that starts with these bytes (its first few dozen suffice), or none.
std::optional<file_kind> sniff_file_kind(std::string_view first_bytes);

/// The kind's stable name in the API: "jpeg", "png", "webp", "pdf", "xml".
std::string_view to_string(file_kind kind);

/// The kind's media type, e.g. "image/jpeg".
std::string_view mime_type(file_kind kind);

} // namespace asamblea::domain
