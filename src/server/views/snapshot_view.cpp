#include "server/views/snapshot_view.hpp"

#include "server/views/assembly_json.hpp"
#include "server/views/round_json.hpp"
#include "store/clock.hpp"

namespace asamblea::server {

const std::string& snapshot_view::results_text(const app::hot_state& state) {
    // No state has generation 0 (they start at 1): the first call always makes the text.
    if (results_generation_ != state.generation() || results_counted_ != state.counted_changes()) {
        results_ = current_results_text(state, *state.round());
        results_generation_ = state.generation();
        results_counted_ = state.counted_changes();
    }
    return results_;
}

void snapshot_view::append_ballot_fields(std::string& out, const app::hot_state& state,
                                         round_in_flight in_flight) {
    if (!state.round())
        return;
    out += R"(,"ballots":)";
    out += std::to_string(state.counted());
    out += R"(,"results":)";
    out += results_text(state);
    if (state.round_open()) {
        out += R"(,"pending_votes":)";
        out += std::to_string(in_flight.pending_votes);
        out += R"(,"closing":)";
        out += in_flight.closing ? "true" : "false";
    }
}

std::string snapshot_view::progress(const app::hot_state& state, round_in_flight in_flight) {
    const auto& round = state.round();
    if (!round)
        return {};
    std::string out;
    out.reserve(128 + results_text(state).size());
    out += R"({"type":"progress","version":)";
    out += std::to_string(state.version());
    out += R"(,"round_id":)";
    out += std::to_string(round->id);
    append_ballot_fields(out, state, in_flight);
    out += '}';
    return out;
}

std::string snapshot_view::message(const app::hot_state& state, round_in_flight in_flight) {
    const auto& info = state.info();
    const auto& round = state.round();
    // Everything but the ballot count, the results and the clock changes only when the state is
    // (re)loaded: serialize it once per load, not on every push.
    if (generation_ != state.generation()) {
        nlohmann::json assembly = nullptr;
        nlohmann::json floor = nullptr;
        if (info.assembly_id != 0) {
            assembly = {{"id", info.assembly_id},
                        {"edition", info.edition},
                        {"state", domain::to_string(info.state)},
                        {"scheduled_at", info.scheduled_at},
                        {"quorum_min", info.quorum_min},
                        {"attendance", info.attendance},
                        {"quorum_met", info.attendance >= info.quorum_min}};
            floor = floor_json(info.floor, info.speaker_seconds, info.loaded_at);
        }
        head_ = R"(,"assembly":)" + assembly.dump() + R"(,"floor":)" + floor.dump();
        round_.clear();
        if (round) {
            auto j = round_json(state, *round, true);
            j.erase("ballots");
            j.erase("results");
            round_ = j.dump();
            round_.pop_back(); // the closing brace: the live fields follow
        }
        generation_ = state.generation();
    }
    // One allocation for the whole message: it is made for every push (projectors get one per
    // writer batch), and each temporary of a chain of `+` was another copy of its kilobytes,
    // in glibc's large-chunk path (issue 19's profile: 8 % of a server's CPU in this function).
    const std::size_t results_size = round ? results_text(state).size() : 0;
    std::string out;
    out.reserve(160 + head_.size() + round_.size() + results_size);
    out += R"({"type":"snapshot","version":)";
    out += std::to_string(state.version());
    // Clients run countdowns against server_time, not their own clock.
    out += R"(,"server_time":")";
    out += store::utc_now();
    out += '"';
    out += head_;
    out += R"(,"round":)";
    if (round) {
        out += round_;
        append_ballot_fields(out, state, in_flight);
        out += '}';
    } else {
        out += "null";
    }
    out += '}';
    return out;
}

} // namespace asamblea::server
