#pragma once
/// QR codes as SVG (libqrencode), for the voter credential handed out at check-in.

#include "domain/error.hpp"

#include <string>
#include <string_view>

namespace asamblea::server {

/// An SVG of the text as a QR code (error correction M) with a 4-module quiet zone, drawn as one
/// path so it stays small and sharp at any size.
domain::result<std::string> qr_svg(std::string_view text);

} // namespace asamblea::server
