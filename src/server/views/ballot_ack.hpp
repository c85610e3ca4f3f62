#pragma once
/// The ack a phone gets once its ballot is stored: {"type":"ack", round_id, ballot_id, receipt}.

#include <cstdint>
#include <string>
#include <string_view>

namespace asamblea::server {

/// The ack's text, as nlohmann::json's dump() writes the same object (sorted keys, no spaces),
/// without building the object: one is sent for every ballot (issue 19).
std::string ballot_ack_text(std::int64_t round_id, std::string_view ballot_id,
                            std::string_view receipt);

} // namespace asamblea::server
