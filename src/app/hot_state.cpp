#include "app/hot_state.hpp"

#include "domain/ballot_limit.hpp"
#include "store/assembly_repo.hpp"
#include "store/attendee_repo.hpp"
#include "store/clock.hpp"

namespace asamblea::app {

void hot_state::load(SQLite::Database& db, const std::string& clues) {
    auto assembly = store::latest_assembly(db, clues);
    summary next;
    if (assembly) {
        next.assembly_id = assembly->id;
        next.edition = assembly->edition;
        next.state = assembly->state;
        next.scheduled_at = assembly->scheduled_at;
        next.quorum_min = assembly->quorum_min;
        next.attendance = store::count_attendance(db, assembly->id);
        next.floor = store::load_floor(db, assembly->id);
        next.speaker_seconds = assembly->speaker_seconds;
        next.loaded_at = store::utc_now();
    }
    bool assembly_changed = next.assembly_id != info_.assembly_id;
    info_ = std::move(next);
    ++generation_;
    if (!loaded_ || assembly_changed)
        reload_round(db);
    loaded_ = true;
}

void hot_state::reload_round(SQLite::Database& db) {
    ++generation_;
    counted_.clear();
    picks_.clear();
    votes_.clear();
    receipts_.clear();
    // What is on its way stays reserved; what is stored is read again below.
    for (auto it = sent_.begin(); it != sent_.end();) {
        it->second.stored.clear();
        it = it->second.in_flight.empty() ? sent_.erase(it) : std::next(it);
    }
    closing_ = false;
    round_.reset();
    if (info_.assembly_id == 0)
        return;
    round_ = store::current_round(db, info_.assembly_id);
    if (!round_)
        return;
    votes_.assign(round_->spec.options.size(), 0);
    // Replaying every ballot in order rebuilds both the counted set and the resend memory.
    for (auto& b : store::all_ballots(db, round_->id)) {
        receipts_[b.voter_tag + "/" + b.ballot_uid] = b.receipt;
        sent_[b.voter_tag].stored.insert(b.ballot_uid);
        auto picks = domain::check_ballot(round_->spec, b.choices);
        if (!picks)
            continue;
        count(b.voter_tag, std::move(*picks), b.choices, b.receipt, b.ballot_uid);
    }
}

void hot_state::count(const std::string& voter_tag, std::vector<std::uint32_t> picks,
                      std::vector<std::string> choices, std::string receipt,
                      std::string ballot_uid) {
    auto [it, added] = counted_.try_emplace(voter_tag);
    if (added) {
        it->second.slot = picks_.size();
        picks_.emplace_back();
    }
    // Picks are checked lists (each option once), so a ballot adds one vote to each.
    auto& slot = picks_[it->second.slot];
    for (auto i : slot)
        if (i < votes_.size())
            --votes_[i];
    for (auto i : picks)
        if (i < votes_.size())
            ++votes_[i];
    slot = std::move(picks);
    it->second.choices = std::move(choices);
    it->second.receipt = std::move(receipt);
    it->second.ballot_uid = std::move(ballot_uid);
}

bool hot_state::round_open() const {
    return round_ && round_->status == domain::round_status::abierta && !closing_;
}

domain::result<prepared_ballot> hot_state::prepare_ballot(std::int64_t round_id,
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
    if (auto room_left = domain::check_ballot_count(ballots_sent(voter_tag)); !room_left)
        return std::unexpected(room_left.error());
    auto picks = domain::check_ballot(round_->spec, choices);
    if (!picks)
        return std::unexpected(picks.error());
    out.picks = std::move(*picks);
    return out;
}

void hot_state::apply_ballot(const prepared_ballot& b) {
    if (b.duplicate)
        return;
    release_ballot(b.row.voter_tag, b.row.ballot_uid);
    if (!round_ || round_->id != b.round_id)
        return;
    count(b.row.voter_tag, b.picks, b.row.choices, b.row.receipt, b.row.ballot_uid);
    ++counted_changes_;
    receipts_[b.row.voter_tag + "/" + b.row.ballot_uid] = b.row.receipt;
    sent_[b.row.voter_tag].stored.insert(b.row.ballot_uid);
}

int hot_state::ballots_sent(const std::string& voter_tag) const {
    auto it = sent_.find(voter_tag);
    if (it == sent_.end())
        return 0;
    auto n = it->second.stored.size();
    for (const auto& uid : it->second.in_flight)
        if (!it->second.stored.contains(uid)) // stored while still marked on its way
            ++n;
    return static_cast<int>(n);
}

void hot_state::reserve_ballot(const std::string& voter_tag, const std::string& ballot_uid) {
    sent_[voter_tag].in_flight.insert(ballot_uid);
}

void hot_state::release_ballot(const std::string& voter_tag, const std::string& ballot_uid) {
    auto it = sent_.find(voter_tag);
    if (it == sent_.end())
        return;
    it->second.in_flight.erase(ballot_uid);
    if (it->second.in_flight.empty() && it->second.stored.empty())
        sent_.erase(it);
}

std::optional<std::string> hot_state::known_receipt(const std::string& voter_tag,
                                                    const std::string& ballot_uid) const {
    auto it = receipts_.find(voter_tag + "/" + ballot_uid);
    if (it == receipts_.end())
        return std::nullopt;
    return it->second;
}

const counted_ballot* hot_state::counted_for(const std::string& voter_tag) const {
    auto it = counted_.find(voter_tag);
    return it == counted_.end() ? nullptr : &it->second;
}

std::optional<domain::round_result> hot_state::live_result(const store::round_row& row) const {
    if (!row.live_results || row.status != domain::round_status::abierta)
        return std::nullopt;
    // The kept votes are the current round's (a row with other options is refused).
    auto live = domain::tally_round(row.spec, picks_, votes_, info_.attendance, info_.quorum_min);
    if (!live)
        return std::nullopt;
    return std::move(*live);
}

} // namespace asamblea::app
