#include "server/rooms/room_state.hpp"

#include "domain/assembly/credential_code.hpp"
#include "server/views/assembly_json.hpp"
#include "store/assembly_repo.hpp"
#include "store/attendee_repo.hpp"
#include "store/clock.hpp"
#include "store/floor_repo.hpp"
#include "store/live_summary.hpp"
#include "store/round_codec.hpp"

namespace asamblea::server {

void room_state::load(SQLite::Database& db, const std::string& clues) {
    auto assembly = store::latest_assembly(db, clues);
    summary next;
    if (assembly) {
        next.assembly_id = assembly->id;
        next.edition = assembly->edition;
        next.state = assembly->state;
        next.scheduled_at = assembly->scheduled_at;
        next.quorum_min = assembly->quorum_min;
        next.attendance = store::count_attendance(db, assembly->id);
        next.floor = floor_json(store::load_floor(db, assembly->id), assembly->speaker_seconds,
                                store::utc_now());
    }
    bool assembly_changed = next.assembly_id != info_.assembly_id;
    info_ = std::move(next);
    ++generation_;
    if (!loaded_ || assembly_changed)
        reload_round(db);
    loaded_ = true;
}

void room_state::reload_round(SQLite::Database& db) {
    ++generation_;
    counted_.clear();
    receipts_.clear();
    closing_ = false;
    round_.reset();
    if (info_.assembly_id == 0)
        return;
    round_ = store::current_round(db, info_.assembly_id);
    round_spec_json_ = nullptr;
    if (!round_)
        return;
    round_spec_json_ = store::spec_to_json(round_->spec);
    // Replaying every ballot in order rebuilds both the counted set and the resend memory.
    for (auto& b : store::all_ballots(db, round_->id)) {
        receipts_[b.voter_tag + "/" + b.ballot_uid] = b.receipt;
        auto picks = domain::check_ballot(round_->spec, b.choices);
        if (!picks)
            continue;
        counted_[b.voter_tag] = {std::move(*picks), b.choices, b.receipt, b.ballot_uid};
    }
}

bool room_state::round_open() const {
    return round_ && round_->status == domain::round_status::abierta && !closing_;
}

domain::result<prepared_ballot> room_state::prepare_ballot(std::int64_t round_id,
                                                           const std::string& voter_tag,
                                                           const std::string& ballot_uid,
                                                           const std::vector<std::string>& choices,
                                                           std::string receipt) const {
    if (!round_ || round_->id != round_id)
        return domain::fail(domain::error_kind::conflict, "round_not_current",
                            "Esa votación ya no está en curso. Recargue la página.");
    prepared_ballot out;
    out.round_id = round_id;
    out.row = {voter_tag, ballot_uid, choices, std::move(receipt)};
    if (auto known = known_receipt(voter_tag, ballot_uid)) {
        out.duplicate = true;
        out.row.receipt = *known;
        return out;
    }
    if (!round_open())
        return std::unexpected(domain::ballot_after_close());
    auto picks = domain::check_ballot(round_->spec, choices);
    if (!picks)
        return std::unexpected(picks.error());
    out.picks = std::move(*picks);
    return out;
}

void room_state::apply_ballot(const prepared_ballot& b) {
    if (b.duplicate || !round_ || round_->id != b.round_id)
        return;
    counted_[b.row.voter_tag] = {b.picks, b.row.choices, b.row.receipt, b.row.ballot_uid};
    receipts_[b.row.voter_tag + "/" + b.row.ballot_uid] = b.row.receipt;
}

std::optional<std::string> room_state::known_receipt(const std::string& voter_tag,
                                                     const std::string& ballot_uid) const {
    auto it = receipts_.find(voter_tag + "/" + ballot_uid);
    if (it == receipts_.end())
        return std::nullopt;
    return it->second;
}

nlohmann::json room_state::my_ballots(const std::string& voter_tag) const {
    nlohmann::json out = nlohmann::json::object();
    if (!round_)
        return out;
    auto it = counted_.find(voter_tag);
    if (it != counted_.end())
        out[std::to_string(round_->id)] = {
            {"receipt", domain::display_credential_code(it->second.receipt)},
            {"choices", it->second.choices},
            {"ballot_id", it->second.ballot_uid}};
    return out;
}

nlohmann::json room_state::round_json(const store::round_row& row, bool current) const {
    // The current round's spec (options and their texts) does not change while it is loaded.
    auto j = round_ && row.id == round_->id && round_spec_json_.is_object()
                 ? round_spec_json_
                 : store::spec_to_json(row.spec);
    j["id"] = row.id;
    j["status"] = domain::to_string(row.status);
    auto nullable = [](const std::string& s) {
        return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
    };
    j["opened_at"] = nullable(row.opened_at);
    j["closes_at"] = nullable(row.closes_at);
    j["closed_at"] = nullable(row.closed_at);
    j["revealed"] = !row.revealed_at.empty();
    j["live_results"] = row.live_results;
    j["attendance"] = info_.attendance;
    j["results"] = nullptr;
    if (current) {
        j["ballots"] = counted();
        j["results"] = current_results(row);
    } else {
        j["ballots"] = row.result ? row.result->value("ballots", 0) : 0;
        if (!row.revealed_at.empty() && row.result)
            j["results"] = store::with_quorum_met(*row.result);
    }
    return j;
}

nlohmann::json room_state::current_results(const store::round_row& row) const {
    if (!row.revealed_at.empty() && row.result)
        return store::with_quorum_met(*row.result);
    if (row.live_results && row.status == domain::round_status::abierta) {
        std::vector<std::vector<std::uint32_t>> ballots;
        ballots.reserve(counted_.size());
        for (const auto& [tag, b] : counted_)
            ballots.push_back(b.picks);
        auto live = domain::tally_round(row.spec, ballots, info_.attendance, info_.quorum_min);
        if (live)
            return store::result_to_json(*live);
    }
    return nullptr;
}

std::string room_state::snapshot_message() const {
    // Everything but the ballot count, the results and the clock changes only when the state is
    // (re)loaded: serialize it once per load, not on every push.
    if (cached_generation_ != generation_) {
        nlohmann::json assembly = nullptr;
        if (info_.assembly_id != 0)
            assembly = {{"id", info_.assembly_id},
                        {"edition", info_.edition},
                        {"state", info_.state},
                        {"scheduled_at", info_.scheduled_at},
                        {"quorum_min", info_.quorum_min},
                        {"attendance", info_.attendance},
                        {"quorum_met", info_.attendance >= info_.quorum_min}};
        cached_head_ = R"(,"assembly":)" + assembly.dump() + R"(,"floor":)" + info_.floor.dump();
        cached_round_.clear();
        if (round_) {
            auto j = round_json(*round_, true);
            j.erase("ballots");
            j.erase("results");
            cached_round_ = j.dump();
            cached_round_.pop_back(); // the closing brace: the live fields follow
        }
        cached_generation_ = generation_;
    }
    std::string round = "null";
    if (round_)
        round = cached_round_ + R"(,"ballots":)" + std::to_string(counted()) + R"(,"results":)" +
                current_results(*round_).dump() + "}";
    // Clients run countdowns against server_time, not their own clock.
    return R"({"type":"snapshot","version":)" + std::to_string(version_) + R"(,"server_time":")" +
           store::utc_now() + "\"" + cached_head_ + R"(,"round":)" + round + "}";
}

} // namespace asamblea::server
