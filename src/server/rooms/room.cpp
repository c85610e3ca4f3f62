#include "server/rooms/room.hpp"

#include "store/crypto.hpp"
#include "store/live_summary.hpp"
#include "store/round_repo.hpp"

#include <random>

namespace asamblea::server {

namespace asio = boost::asio;

void room::ensure_loaded() {
    if (state_.loaded())
        return;
    auto db = db_.readers().acquire();
    state_.load(*db, clues_);
}

void room::refresh() {
    {
        auto db = db_.readers().acquire();
        state_.load(*db, clues_);
        state_.reload_round(*db);
    }
    changed();
}

void room::changed(bool ballot_only) {
    state_.bump();
    voters_stale_ = true;
    if (!ballot_only)
        voters_urgent_ = true;
    auto now = std::chrono::steady_clock::now();
    auto due = last_push_ + broadcast_interval;
    if (now >= due) {
        // Due already: push from here. Under load a timer's completion queues behind every
        // pending handler, which is what made projectors lag during a burst.
        if (broadcast_pending_)
            broadcast_timer_.cancel();
        push_snapshot();
        return;
    }
    if (broadcast_pending_)
        return;
    broadcast_pending_ = true;
    broadcast_timer_.expires_at(due);
    broadcast_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        // A completion already queued when a direct push ran finds nothing pending.
        if (!ec && self->broadcast_pending_)
            self->push_snapshot();
    });
}

namespace {

// Delivers to every live subscriber and forgets the dead ones.
void fan_out(std::vector<std::weak_ptr<subscriber>>& list,
             const std::shared_ptr<const std::string>& message) {
    std::erase_if(list, [&](const std::weak_ptr<subscriber>& w) {
        auto s = w.lock();
        if (!s)
            return true;
        s->deliver(message, true);
        return false;
    });
}

} // namespace

void room::push_snapshot() {
    broadcast_pending_ = false;
    auto now = std::chrono::steady_clock::now();
    last_push_ = now;
    bool voters_due =
        voters_stale_ && !voters_.empty() && (voters_urgent_ || now >= next_voter_push_);
    if (subscribers_.empty() && !voters_due) {
        if (voters_stale_ && !voters_.empty())
            push_snapshot_later_to_voters();
        return;
    }
    // Serialized once, shared by every subscriber's queue.
    auto message = std::make_shared<const std::string>(state_.snapshot_message());
    fan_out(subscribers_, message);
    if (voters_due)
        push_to_voters(message);
    else if (voters_stale_ && !voters_.empty())
        push_snapshot_later_to_voters();
}

void room::push_snapshot_later_to_voters() {
    if (voter_timer_pending_)
        return;
    voter_timer_pending_ = true;
    voter_timer_.expires_at(next_voter_push_);
    voter_timer_.async_wait([self = shared_from_this()](boost::system::error_code) {
        self->voter_timer_pending_ = false;
        if (self->voters_stale_)
            self->push_to_voters(
                std::make_shared<const std::string>(self->state_.snapshot_message()));
    });
}

void room::push_to_voters(const std::shared_ptr<const std::string>& message) {
    voters_stale_ = false;
    voters_urgent_ = false;
    // Rooms that opened together would otherwise push to all their phones in the same instant
    // every interval: a random extra delay (up to one more interval) spreads the fan-out.
    auto jitter = std::chrono::milliseconds(
        std::uniform_int_distribution<long>(0, voter_progress_interval.count())(jitter_rng_));
    next_voter_push_ = std::chrono::steady_clock::now() + voter_progress_interval + jitter;
    fan_out(voters_, message);
}

void room::subscribe(std::weak_ptr<subscriber> s, std::uint64_t known_version, bool voter) {
    ensure_loaded();
    if (known_version != state_.version())
        if (auto live = s.lock())
            live->deliver(std::make_shared<const std::string>(state_.snapshot_message()), true);
    (voter ? voters_ : subscribers_).push_back(std::move(s));
}

std::optional<std::string> room::voter_tag(const server::voter& voter, std::int64_t round_id,
                                           bool create) const {
    auto& keys = db_.ballot_keys();
    auto key = create ? keys.get_or_create(voter.assembly_id) : keys.find(voter.assembly_id);
    if (!key)
        return std::nullopt;
    return store::voter_tag(*key, round_id, voter.attendee_id);
}

void room::cast_ballot(const server::voter& voter, std::int64_t round_id, std::string ballot_uid,
                       std::vector<std::string> choices,
                       std::function<void(domain::result<std::string>)> done) {
    asio::post(strand_, [self = shared_from_this(), voter, round_id, uid = std::move(ballot_uid),
                         choices = std::move(choices), done = std::move(done)]() mutable {
        self->ensure_loaded();
        // The key is made only for an open round: after the assembly's close it is gone for
        // good, and a late ballot must not bring it back.
        auto tagged = self->voter_tag(voter, round_id, self->state_.round_open());
        if (!tagged)
            return done(std::unexpected(domain::ballot_after_close()));
        std::string tag = std::move(*tagged);
        std::string key = tag + "/" + uid;
        if (auto it = self->pending_.find(key); it != self->pending_.end()) {
            it->second.waiters.push_back(std::move(done));
            return;
        }
        auto prepared =
            self->state_.prepare_ballot(round_id, tag, uid, choices, store::random_code());
        if (!prepared)
            return done(std::unexpected(prepared.error()));
        if (prepared->duplicate)
            return done(prepared->row.receipt);
        auto ballot = std::make_shared<prepared_ballot>(std::move(*prepared));
        self->pending_[key] = {ballot->row.receipt, {std::move(done)}};
        auto clues = self->clues_;
        auto credential_id = voter.credential_id;
        auto queued = self->db_.writer().submit(
            [ballot, clues, credential_id](store::write_context& ctx) -> domain::status {
                if (!store::credential_active(ctx, credential_id))
                    return domain::fail(domain::error_kind::forbidden, "credential_revoked",
                                        "Su credencial ya no es válida. Pida una nueva en el "
                                        "registro.");
                return store::insert_ballot(ctx, ballot->round_id, clues, ballot->row);
            },
            [self, ballot, key](domain::status committed) {
                asio::post(self->strand_, [self, ballot, key, committed] {
                    auto it = self->pending_.find(key);
                    auto waiters = std::move(it->second.waiters);
                    self->pending_.erase(it);
                    if (committed) {
                        self->state_.apply_ballot(*ballot);
                        self->changed(true);
                    }
                    for (auto& w : waiters)
                        w(committed ? domain::result<std::string>(ballot->row.receipt)
                                    : std::unexpected(committed.error()));
                });
            });
        if (!queued) {
            auto waiters = std::move(self->pending_[key].waiters);
            self->pending_.erase(key);
            for (auto& w : waiters)
                w(std::unexpected(queued.error()));
        }
    });
}

void room::arm_countdown(std::int64_t round_id, std::chrono::system_clock::time_point closes_at) {
    auto left = closes_at - std::chrono::system_clock::now();
    countdown_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(left));
    countdown_.async_wait([self = shared_from_this(), round_id](boost::system::error_code ec) {
        if (ec)
            return; // cancelled: closed by hand or re-armed
        self->close_round(round_id, [](domain::result<nlohmann::json>) {});
    });
}

void room::close_round(std::int64_t round_id,
                       std::function<void(domain::result<nlohmann::json>)> done) {
    ensure_loaded();
    const auto& round = state_.round();
    if (!round || round->id != round_id || !state_.round_open())
        return done(std::unexpected(domain::error{domain::error_kind::conflict, "round_not_open",
                                                  "Esta votación no está abierta.", "", 0}));
    // From here on new ballots are refused; ballots already queued commit before the close.
    state_.set_closing(true);
    auto present = state_.info().attendance;
    auto quorum = state_.info().quorum_min;
    auto result = std::make_shared<nlohmann::json>();
    auto clues = clues_;
    auto queued = db_.writer().submit(
        [round_id, clues, present, quorum, result](store::write_context& ctx) -> domain::status {
            auto r = store::close_round(ctx, round_id, clues, present, quorum);
            if (!r)
                return std::unexpected(r.error());
            *result = std::move(*r);
            return {};
        },
        [self = shared_from_this(), result, done](domain::status committed) {
            asio::post(self->strand_, [self, result, done, committed] {
                if (!committed) {
                    self->state_.set_closing(false);
                    return done(std::unexpected(committed.error()));
                }
                self->countdown_.cancel();
                self->refresh();
                done(*result);
            });
        });
    if (!queued) {
        state_.set_closing(false);
        done(std::unexpected(queued.error()));
    }
}

} // namespace asamblea::server
