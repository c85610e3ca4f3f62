#pragma once
/// `perf record -g` of the server processes during one phase (scripts/bench --perf): started
/// before the phase's command goes to the workers, stopped with SIGINT (perf then writes its
/// file and exits) as soon as the phase is over, so the profile holds that phase alone.

#include "loadgen/options.hpp"

#include <string>

namespace asamblea::loadgen {

class perf_recorder {
public:
    /// Starts perf when `phase` is one of options::perf_phases; otherwise does nothing. Says on
    /// stderr when perf cannot start (its log is perf_dir/perf-PHASE.log).
    perf_recorder(const options& o, const std::string& phase);
    ~perf_recorder() { stop(); }
    perf_recorder(const perf_recorder&) = delete;
    perf_recorder& operator=(const perf_recorder&) = delete;

    /// Ends the recording and waits for perf to write its file.
    void stop();

private:
    int pid_ = 0;
    std::string log_;
};

} // namespace asamblea::loadgen
