#pragma once
/// The shared header and footer of the pages, filled in once when the server loads web/.

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace asamblea::server {

/// The partials by name: "header" holds the text of web/partials/header.html.
using page_partials = std::map<std::string, std::string, std::less<>>;

/// Returns `page` with each placeholder `<!--#name key="value" flag-->` replaced by the partial
/// `name`, in which `{{key}}` becomes the value (empty when not given), `{{#key}}...{{/key}}` is
/// kept only when the key is given and `{{^key}}...{{/key}}` only when it is not, and
/// `{{! ...}}` is dropped. A section or comment tag alone on its line takes the line with it.
/// Values are inserted as written: they come from our own pages, which write them as HTML already.
/// Throws std::runtime_error on an unknown partial or a malformed placeholder, so a typo stops the
/// server at start-up instead of reaching a person as a page without its header.
std::string fill_layout(std::string_view page, const page_partials& partials);

} // namespace asamblea::server
