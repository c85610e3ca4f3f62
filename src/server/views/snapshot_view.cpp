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

std::string snapshot_view::ballot_fields(const app::hot_state& state, round_in_flight in_flight) {
    const auto& round = state.round();
    if (!round)
        return {};
    std::string text =
        R"(,"ballots":)" + std::to_string(state.counted()) + R"(,"results":)" + results_text(state);
    if (state.round_open())
        text += R"(,"pending_votes":)" + std::to_string(in_flight.pending_votes) +
                R"(,"closing":)" + (in_flight.closing ? "true" : "false");
    return text;
}

std::string snapshot_view::progress(const app::hot_state& state, round_in_flight in_flight) {
    const auto& round = state.round();
    if (!round)
        return {};
    return R"({"type":"progress","version":)" + std::to_string(state.version()) +
           R"(,"round_id":)" + std::to_string(round->id) + ballot_fields(state, in_flight) + "}";
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
    std::string round_text = "null";
    if (round)
        round_text = round_ + ballot_fields(state, in_flight) + "}";
    // Clients run countdowns against server_time, not their own clock.
    return R"({"type":"snapshot","version":)" + std::to_string(state.version()) +
           R"(,"server_time":")" + store::utc_now() + "\"" + head_ + R"(,"round":)" + round_text +
           "}";
}

} // namespace asamblea::server
