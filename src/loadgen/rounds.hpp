#pragma once
/// The rounds the phases vote in, over REST: one budget round per assembly, created with live
/// results on and opened when its phase starts.

#include "loadgen/rest_client.hpp"
#include "loadgen/rest_pool.hpp"
#include "loadgen/seed_file.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::loadgen {

/// The path of a round of an assembly: /api/c/{clues}/rounds/{id}.
std::string round_base(const seed_assembly& a, std::int64_t id);

/// Throws with `what`, the status and the body unless the reply has `status`.
void expect(const rest_reply& r, unsigned status, const std::string& what);

/// Creates in every assembly a budget round of its accepted proposals (at most 3 choices) with
/// live results on; returns the ids in the order of the assemblies.
std::vector<std::int64_t> create_rounds(const rest_pool& rest, const std::string& title);

/// Opens the round of every assembly.
void open_rounds(const rest_pool& rest, const std::vector<std::int64_t>& rounds);

} // namespace asamblea::loadgen
