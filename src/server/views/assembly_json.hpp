#pragma once
/// The wire shapes of docs/api.md "Assemblies": assembly, attendee, credential, proposal, floor.

#include "store/assembly_repo.hpp"
#include "store/attendee_repo.hpp"
#include "store/floor_repo.hpp"
#include "store/proposal_repo.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace asamblea::server {

/// A credential as shown once at check-in or reissue.
struct issued_credential {
    std::string code;    // canonical, 8 symbols
    std::string hash;    // what the store keeps
    std::string display; // XXXX-XXXX
    std::string url;     // /c/{clues}/votar#CODE
    std::string qr_svg;
};

nlohmann::json to_json(const store::assembly_row& a, std::int64_t attendance);
nlohmann::json to_json(const store::attendee_row& a);
nlohmann::json to_json(const issued_credential& c);
nlohmann::json to_json(const store::proposal_row& p);
nlohmann::json to_json(const store::floor_row& r);
/// The floor queue with the server's clock, so tablets can run the speaker timer.
nlohmann::json floor_json(const store::floor_rows& rows, int speaker_seconds,
                          const std::string& server_time);

} // namespace asamblea::server
