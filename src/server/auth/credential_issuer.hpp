#pragma once
/// Mints a voter credential: a random code, its keyed hash for the store, and the QR to scan.

#include "domain/error.hpp"
#include "server/views/assembly_json.hpp"

#include <string>

namespace asamblea::store {
class store;
}

namespace asamblea::server {

/// A fresh credential for an attendee of the clinic; the QR encodes
/// {origin}/c/{clues}/votar#CODE so a phone's camera opens it directly.
domain::result<issued_credential> mint_credential(const store::store& s, const std::string& clues,
                                                  const std::string& origin = {});

} // namespace asamblea::server
