#pragma once
/// The one route whose body streams to disk instead of memory: POST /api/c/{clues}/files.

#include <optional>
#include <string>
#include <string_view>

namespace asamblea::server {

/// The route's name in metrics and logs.
inline constexpr std::string_view upload_route_name = "POST /api/c/{clues}/files";

/// The path's decoded {clues} segment (not yet checked) when the request line is an upload;
/// none for any other method or path. Decided from the header alone, before any body is read.
std::optional<std::string> upload_route_clues(std::string_view method, std::string_view target);

} // namespace asamblea::server
