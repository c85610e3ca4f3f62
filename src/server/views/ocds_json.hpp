#pragma once
/// The follow-up as an Open Contracting Data Standard 1.1 release package: one contracting process
/// per clinic and work item (quotes as bids, the chosen quote as the award, the expenses as the
/// contract's implementation transactions, the entrega-recepción as a milestone). See
/// ../shared/ocds/README.md for the mapping.

#include "app/open_data/open_followup.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::server {

/// The ocid prefix. A placeholder: it must be registered with the Open Contracting Partnership
/// (to be registered) before the data is published as OCDS for real.
inline constexpr std::string_view ocds_prefix = "ocds-asamblea-";

/// "ocds-asamblea-CSIMB001234-2025-7": prefix, CLUES, edition, work item id.
std::string ocid_of(const std::string& clues, int edition, std::int64_t work_id);

/// The release package of every work of `clinics` (one release each, its latest state). `uri`
/// names the package (an absolute URI); `published_at` is UTC ISO 8601. With `origin`
/// ("https://host") documents link to GET /api/public/c/{clues}/files/{sha256} and photos to
/// …/photos/{sha256}; without it (and for voided invoices) a document's url is
/// urn:sha256:{hash}. With no works the package has no releases, which the schema refuses
/// (minItems 1): callers check first.
nlohmann::json ocds_release_package(const std::vector<app::open_clinic_followup>& clinics,
                                    const std::string& uri, const std::string& published_at,
                                    const std::string& origin = {});

} // namespace asamblea::server
