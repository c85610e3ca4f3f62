#pragma once
/// What a run plays: the seed files of its servers (`--target PORT=SEEDFILE`), or for the echo
/// run made-up assemblies of at most 150 sockets, as many as --echo-connections asks.

#include "loadgen/options.hpp"
#include "loadgen/seed_file.hpp"

namespace asamblea::loadgen {

/// Throws when a target is malformed or there is nothing to play.
seed_data load_run_seed(const options& o);

} // namespace asamblea::loadgen
