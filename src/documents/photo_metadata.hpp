#pragma once
/// Removes the metadata of a photo (Exif, IPTC, XMP, comments) without touching its pixels, for
/// the copies the public sees; the original stays as it was uploaded.

#include "domain/error.hpp"
#include "domain/followup/file_kind.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace asamblea::documents {

/// The largest photo stripped: the largest upload. The whole image is held in memory about three
/// times over (the input, Exiv2's buffer, the answer), so the cap bounds what one request costs.
inline constexpr std::size_t max_photo_bytes = domain::max_upload_bytes;

/// The same JPEG, PNG or WebP with its Exif (GPS position, camera serial, owner, dates), IPTC and
/// XMP blocks and its comments removed; a JPEG keeps only the segments that decode it (no maker's
/// APPn, no pictures appended after its end), a PNG or a WebP only the chunks that draw it. The
/// compressed image data is copied byte for byte (nothing is re-encoded) and the colour profile
/// stays, so the picture looks the same. Refuses, with field "file": input over max_photo_bytes
/// (too_large, "photo_too_large"); anything that is not a JPEG, PNG or WebP (unsupported_media,
/// "photo_unsupported"); one of those kinds that cannot be read or rewritten ("photo_malformed").
/// Never throws; safe to call from several threads.
domain::result<std::string> strip_photo_metadata(std::string_view bytes);

} // namespace asamblea::documents
