#pragma once
/// A quick yes for the one message a national Saturday brings by the thousand a second: a ballot
/// whose every field plainly meets schemas/ws_ballot.json. valijson's check of it was 13 % of a
/// full-size server's I/O thread (issue 19). Only a yes skips valijson; anything this does not
/// plainly accept goes to the schema, which stays the rule and gives the error. Tests hold the
/// two together (tests/server/ballot_shape_test.cpp against the schema file, and the
/// ws_message fuzz target, which aborts on a quick yes the schema refuses).

#include <nlohmann/json_fwd.hpp>

namespace asamblea::server {

/// True only for an object of exactly `type` ("ballot"), `round_id` (an integer ≥ 1),
/// `ballot_id` (8 to 64 of A-Z a-z 0-9 _ -) and `choices` (1 to 200 strings of 1 to 40 bytes).
/// False says nothing: the message may still be valid (ask the schema).
bool plainly_valid_ballot(const nlohmann::json& msg);

} // namespace asamblea::server
