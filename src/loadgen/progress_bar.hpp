#pragma once
/// A progress line on stderr, redrawn at most five times a second.

#include "loadgen/clock.hpp"

#include <string>

namespace asamblea::loadgen {

class progress_bar {
public:
    progress_bar(bool on, std::string label) : on_(on), label_(std::move(label)) {}

    void draw(long done, long total, const std::string& extra);
    /// Ends the line.
    void finish();

private:
    bool on_;
    std::string label_;
    clock_type::time_point last_{};
};

} // namespace asamblea::loadgen
