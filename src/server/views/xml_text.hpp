#pragma once
/// Text inside XML: the SVG charts and the demo's CFDI invoices.

#include <string>
#include <string_view>

namespace asamblea::server {

/// Text for XML content or an attribute: the five characters XML reserves escaped, and control
/// characters that XML 1.0 does not allow (all but tab and line breaks) turned into spaces.
std::string xml_escape(std::string_view text);

} // namespace asamblea::server
