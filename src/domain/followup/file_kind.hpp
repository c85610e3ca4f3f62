#pragma once
/// The kinds of file the follow-up accepts, told from their first bytes, never from their name.

#include "domain/followup/work_state.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace asamblea::domain {

/// Largest upload: a phone photo or a scanned acta fits; a video does not.
inline constexpr std::size_t max_upload_bytes = 10 * 1024 * 1024;

enum class file_kind { jpeg, png, webp, pdf, xml };

/// The kind of a file from its first bytes (12 are enough; more are ignored but for XML's
/// leading spaces): JPEG FF D8 FF, PNG's 8-byte signature, WebP "RIFF" size "WEBP", PDF
/// "%PDF-", XML an optional UTF-8 BOM, optional whitespace, then "<". nullopt otherwise.
std::optional<file_kind> sniff_file_kind(std::string_view first_bytes);

/// "jpeg", "png", "webp", "pdf", "xml".
std::string_view to_string(file_kind k);

/// "image/jpeg", "image/png", "image/webp", "application/pdf", "application/xml".
std::string_view mime_type(file_kind k);

/// Photos take images (jpeg, png, webp); documents also take pdf. XML is only for invoices.
bool allowed_for(evidence_kind evidence, file_kind k);

} // namespace asamblea::domain
