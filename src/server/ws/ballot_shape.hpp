#pragma once
/// A quick read of the one message a national Saturday brings by the thousand a second: a
/// ballot whose every field plainly meets schemas/ws_ballot.json, read from its text by
/// nlohmann's SAX parser straight into the message, without a JSON tree and without valijson.
/// valijson's check of a ballot was 13 % of a full-size server's I/O thread, and the JSON tree
/// another 6 % (issue 19). Only a plain ballot is read here; anything else goes to the tree and
/// the schema, which stay the rule and give the error. Tests hold the two together
/// (tests/server/ballot_shape_test.cpp against the schema file, and the ws_message fuzz
/// target, which aborts on a quick read the schema refuses or the tree reads differently).

#include "server/ws/ws_message.hpp"

#include <optional>
#include <string_view>

namespace asamblea::server {

/// The ballot in `text` when it is exactly one object of `type` ("ballot"), `round_id` (an
/// integer ≥ 1), `ballot_id` (8 to 64 of A-Z a-z 0-9 _ -) and `choices` (1 to 200 strings of
/// 1 to 40 bytes), each once, and nothing after it. nullopt says nothing: the message may still
/// be valid (read it whole and ask the schema).
std::optional<ballot_message> read_plain_ballot(std::string_view text);

} // namespace asamblea::server
