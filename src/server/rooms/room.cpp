#include "server/rooms/room.hpp"

#include "app/ballots.hpp"
#include "app/rounds.hpp"
#include "store/clock.hpp"
#include "store/crypto.hpp"

#include <boost/asio/dispatch.hpp>

#include <random>
#include <unordered_set>
#include <utility>

namespace asamblea::server {

namespace asio = boost::asio;

void room::ensure_loaded() {
    if (state_.loaded())
        return;
    {
        auto db = db_.readers().acquire();
        state_.load(*db, clues_);
    }
    // An open round's countdown lives in this room's timer: a room loaded after a restart arms
    // it again from the stored closes_at (one already past closes at once, with the grace).
    if (const auto& round = state_.round();
        round && round->status == domain::round_status::abierta && !round->closes_at.empty())
        if (auto closes_at = store::parse_utc(round->closes_at))
            arm_countdown(round->id, *closes_at);
}

void room::after(const app::after_commit& next) {
    using countdown = app::after_commit::countdown_change;
    if (next.countdown == countdown::arm)
        arm_countdown(next.round_id, next.closes_at);
    else if (next.countdown == countdown::stop)
        countdown_.cancel();
    if (next.reload)
        refresh();
    else
        changed(change::ballots);
}

void room::refresh() {
    {
        auto db = db_.readers().acquire();
        state_.load(*db, clues_);
        state_.reload_round(*db);
    }
    changed();
}

void room::changed(change what) {
    state_.bump();
    voters_stale_ = true;
    if (what == change::state) {
        voters_urgent_ = true;
        base_version_ = state_.version();
    }
    if (running_committed_) {
        // The enum lists the stronger changes first.
        if (!change_while_running_ || what < *change_while_running_)
            change_while_running_ = what;
        return;
    }
    schedule_push(what);
}

void room::deliver_committed(std::function<void()> fn) {
    bool first = false;
    {
        std::lock_guard lock(committed_mutex_);
        first = committed_.empty();
        committed_.push_back(std::move(fn));
    }
    // After the batch's last completion, all of this room's commits in it (and any earlier
    // ones the strand has not taken yet) run at once.
    if (first)
        fanout_->add(shared_from_this());
}

void room::run_committed_on_strand() {
    asio::dispatch(strand_, [self = shared_from_this()] { self->run_committed(); });
}

void room::run_committed() {
    {
        std::lock_guard lock(committed_mutex_);
        running_.swap(committed_);
    }
    running_committed_ = true;
    for (auto& fn : running_)
        fn();
    running_.clear();
    running_committed_ = false;
    auto what = std::exchange(change_while_running_, std::nullopt);
    if (!what)
        return;
    // Everything these commits answered is answered (the phones have their acks, and the votes
    // in flight their new count): the projectors see them all in one push, at once. A timer
    // would queue behind every room's work under load (a burst's ballots reached the
    // projector most of a second after their acks).
    if (*what == change::in_flight)
        return schedule_push(*what);
    push_now();
}

void room::schedule_push(change what) {
    auto now = std::chrono::steady_clock::now();
    bool slow = what == change::in_flight && !closing_round_;
    auto due = last_push_ + (slow ? in_flight_interval : broadcast_interval);
    // Waiting to coalesce only pays while more changes are on their way (ballots between this
    // room and the store): else the next change may be seconds away, and under load a timer's
    // completion queues behind every pending handler of every room.
    bool more_coming = !pending_.empty();
    if (now >= due || (!slow && !more_coming)) {
        // Push from here rather than from a timer, for the same reason.
        return push_now();
    }
    if (broadcast_pending_ && broadcast_due_ <= due)
        return;
    // Nothing pending, or only a slower push: (re)arm for this one. Re-arming cancels the
    // earlier wait, whose completion then finds operation_aborted.
    broadcast_pending_ = true;
    broadcast_due_ = due;
    broadcast_timer_.expires_at(due);
    broadcast_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        // A completion already queued when a direct push ran finds nothing pending.
        if (!ec && self->broadcast_pending_)
            self->push_snapshot();
    });
}

void room::push_now() {
    // A timer armed for a later push would only find nothing pending.
    if (broadcast_pending_)
        broadcast_timer_.cancel();
    push_snapshot();
}

void room::push_snapshot() {
    broadcast_pending_ = false;
    auto now = std::chrono::steady_clock::now();
    last_push_ = now;
    // Each text is serialized once, on first need, and shared by every queue it goes to.
    std::shared_ptr<const std::string> snapshot;
    std::shared_ptr<const std::string> progress;
    if (!subscribers_.empty())
        push_to_subscribers(snapshot, progress);
    if (!voters_stale_ || voters_.empty())
        return;
    if (voters_urgent_ || now >= next_voter_push_)
        push_to_voters(std::move(snapshot), std::move(progress));
    else
        push_snapshot_later_to_voters();
}

void room::push_to_subscribers(std::shared_ptr<const std::string>& snapshot,
                               std::shared_ptr<const std::string>& progress) {
    // The phones' rule, without their interval and hidden pages: every change at once.
    std::erase_if(subscribers_, [](const client_entry& v) { return v.client.expired(); });
    for (auto& v : subscribers_)
        if (auto client = v.client.lock())
            send_to_client(*client, v.seen, snapshot, progress);
}

void room::push_snapshot_later_to_voters() {
    if (voter_timer_pending_)
        return;
    // Every phone went away: no timer for nobody, so an idle room can be unloaded at once.
    std::erase_if(voters_, [](const client_entry& v) { return v.client.expired(); });
    if (voters_.empty())
        return;
    voter_timer_pending_ = true;
    voter_timer_.expires_at(next_voter_push_);
    // Weakly: the phones' sessions hold the room while any is connected, and a push for nobody
    // must not keep an idle room loaded for the 30-45 s of the wait.
    voter_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        auto self = weak.lock();
        if (ec || !self)
            return;
        self->voter_timer_pending_ = false;
        if (self->voters_stale_)
            self->push_to_voters(nullptr, nullptr);
    });
}

void room::push_to_voters(std::shared_ptr<const std::string> snapshot,
                          std::shared_ptr<const std::string> progress) {
    voters_stale_ = false;
    voters_urgent_ = false;
    // Rooms that opened together would otherwise push to all their phones in the same instant
    // every interval: a random extra delay (up to half an interval) spreads the fan-out. Not
    // more: a phone that hears nothing for 50 s pings (web/js/live.js), two messages more.
    auto jitter = std::chrono::milliseconds(
        std::uniform_int_distribution<long>(0, voter_progress_.count() / 2)(jitter_rng_));
    next_voter_push_ = std::chrono::steady_clock::now() + voter_progress_ + jitter;
    std::erase_if(voters_, [](const client_entry& v) { return v.client.expired(); });
    for (auto& v : voters_)
        // A hidden page gets nothing; it catches up when it says it is visible (voter_visible).
        if (auto phone = v.client.lock(); phone && !phone->hidden())
            send_to_client(*phone, v.seen, snapshot, progress);
}

void room::send_to_client(subscriber& client, voter_seen& seen,
                          std::shared_ptr<const std::string>& snapshot,
                          std::shared_ptr<const std::string>& progress) {
    auto version = state_.version();
    switch (next_voter_push(seen, base_version_, version, state_.round().has_value())) {
    case voter_push::nothing:
        return;
    case voter_push::snapshot:
        if (!snapshot)
            snapshot = std::make_shared<const std::string>(snapshot_text());
        seen = {version, version};
        client.deliver(snapshot, push_kind::snapshot);
        return;
    case voter_push::progress:
        if (!progress)
            progress = std::make_shared<const std::string>(progress_text());
        seen.sent = version;
        client.deliver(progress, push_kind::progress);
        return;
    }
}

void room::subscribe(std::weak_ptr<subscriber> s, std::uint64_t known_version, bool voter) {
    ensure_loaded();
    auto live = s.lock();
    if (!live)
        return;
    // A client holding the current version needs nothing; any other version may be older than a
    // state change (or from before a restart), so it gets the whole snapshot.
    voter_seen seen;
    if (known_version == state_.version())
        seen = {known_version, known_version};
    auto& clients = voter ? voters_ : subscribers_;
    clients.push_back({std::move(s), seen});
    std::shared_ptr<const std::string> snapshot;
    std::shared_ptr<const std::string> progress;
    // Only a voter's hidden page waits (projectors and staff are never held back).
    if (!voter || !live->hidden())
        send_to_client(*live, clients.back().seen, snapshot, progress);
}

void room::voter_visible(std::weak_ptr<subscriber> phone) {
    asio::post(strand_, [self = shared_from_this(), phone = std::move(phone)] {
        for (auto& v : self->voters_) {
            if (v.client.owner_before(phone) || phone.owner_before(v.client))
                continue;
            std::shared_ptr<const std::string> snapshot;
            std::shared_ptr<const std::string> progress;
            if (auto live = v.client.lock(); live && !live->hidden())
                self->send_to_client(*live, v.seen, snapshot, progress);
            return;
        }
    });
}

std::optional<std::string> room::voter_tag(const server::voter_ids& voter,
                                           std::int64_t round_id) const {
    return app::voter_tag(db_.ballot_keys(), voter.assembly_id, voter.attendee_id, round_id, false);
}

void room::cast_ballot(const server::voter_ids& voter, std::uint64_t session, std::int64_t round_id,
                       std::string ballot_uid, std::vector<std::string> choices,
                       std::function<void(domain::result<std::string>)> done) {
    asio::post(strand_, [self = shared_from_this(), voter, session, round_id,
                         uid = std::move(ballot_uid), choices = std::move(choices),
                         done = std::move(done)]() mutable {
        self->ensure_loaded();
        // In flight until stored or refused: a close waits for it (within the grace).
        self->in_flight_[session] = {voter.attendee_id, round_id};
        auto reply =
            std::make_shared<std::function<void(domain::result<std::string>)>>(std::move(done));
        auto settle = [self, session, attendee = voter.attendee_id, round_id,
                       reply](domain::result<std::string> r) {
            std::erase_if(self->in_flight_, [&](const auto& entry) {
                // Stored: every session of this voter for the round is settled; refused: this one.
                return entry.first == session || (r && entry.second.attendee_id == attendee &&
                                                  entry.second.round_id == round_id);
            });
            (*reply)(std::move(r));
            self->votes_in_flight_changed();
        };
        // The key is made only for an open round: after the assembly's close it is gone for
        // good, and a late ballot must not bring it back.
        auto tag = app::voter_tag(self->db_.ballot_keys(), voter.assembly_id, voter.attendee_id,
                                  round_id, self->state_.round_open());
        if (!tag)
            return settle(std::unexpected(domain::ballot_after_close()));
        if (auto receipt = self->state_.known_receipt(*tag, uid))
            return settle(*receipt);
        std::string key = *tag + "/" + uid;
        if (auto it = self->pending_.find(key); it != self->pending_.end())
            return it->second.push_back(std::move(settle));
        // Past a bound: «busy» at once, nothing written. Not a refusal: the vote stays in flight
        // (a close keeps waiting within its grace) because the phone sends it again.
        // A ballot for a round that is not open gets its real refusal instead.
        if (self->shedder_ && self->state_.round_open())
            if (auto d =
                    self->shedder_->decide(self->db_.writer().queue_depth(), self->pending_.size());
                d.shed()) {
                (*reply)(std::unexpected(domain::ballot_busy(d.retry_after)));
                return self->votes_in_flight_changed();
            }
        self->pending_[key].push_back(std::move(settle));
        self->run_on_strand<app::prepared_ballot>(
            app::cast_ballot(*tag, voter.credential_id, round_id, uid, std::move(choices),
                             store::random_code()),
            [self, key](domain::result<app::prepared_ballot> counted) {
                auto waiters = std::move(self->pending_[key]);
                self->pending_.erase(key);
                for (auto& w : waiters)
                    w(counted ? domain::result<std::string>(counted->row.receipt)
                              : std::unexpected(counted.error()));
            });
    });
}

void room::declare_vote_in_flight(std::uint64_t session, std::int64_t attendee_id,
                                  std::int64_t round_id) {
    ensure_loaded();
    in_flight_[session] = {attendee_id, round_id};
    votes_in_flight_changed();
}

void room::session_ended(std::uint64_t session) {
    asio::post(strand_, [self = shared_from_this(), session] {
        auto it = self->in_flight_.find(session);
        if (it == self->in_flight_.end())
            return;
        // While a close waits, a phone whose link drops is most likely reconnecting to resend:
        // its vote keeps holding the close until it arrives or the grace is over.
        if (self->closing_round_ && it->second.round_id == *self->closing_round_)
            return;
        self->in_flight_.erase(it);
        self->votes_in_flight_changed();
    });
}

int room::pending_votes() const {
    const auto& round = state_.round();
    if (!round || !state_.round_open())
        return 0;
    // One person with two phones (or a stale socket beside a fresh one) is one vote.
    std::unordered_set<std::int64_t> voters;
    for (const auto& [session, vote] : in_flight_)
        if (vote.round_id == round->id)
            voters.insert(vote.attendee_id);
    return static_cast<int>(voters.size());
}

void room::votes_in_flight_changed() {
    int now_pending = pending_votes();
    if (now_pending != published_in_flight_) {
        published_in_flight_ = now_pending;
        changed(change::in_flight); // the moderator's view shows the count
    }
    if (closing_round_ && domain::close_now(now_pending,
                                            std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::steady_clock::now() - closing_since_),
                                            close_grace_))
        finish_close();
}

std::string room::snapshot_text() {
    return snapshot_.message(state_, {published_in_flight_, closing_round_.has_value()});
}

std::string room::progress_text() {
    return snapshot_.progress(state_, {published_in_flight_, closing_round_.has_value()});
}

domain::result<room::close_outcome> room::close_round_sync(std::int64_t round_id) {
    std::promise<domain::result<close_outcome>> promise;
    auto future = promise.get_future();
    asio::post(strand_, [self = shared_from_this(), round_id, &promise] {
        self->begin_close(round_id, [&promise](domain::result<close_outcome> r) {
            promise.set_value(std::move(r));
        });
    });
    return future.get();
}

void room::begin_close(std::int64_t round_id,
                       std::function<void(domain::result<close_outcome>)> done) {
    ensure_loaded();
    if (closing_round_ && *closing_round_ == round_id) // asked twice: the same wait
        return done(close_outcome{true, pending_votes(), close_grace_});
    const auto& round = state_.round();
    bool open = round && round->id == round_id && state_.round_open() && !closing_round_;
    int waiting_for = pending_votes();
    if (!open || !domain::close_must_wait(waiting_for, close_grace_)) {
        // Closes now; the command itself refuses a round that is not open.
        return run_on_strand<app::round_event>(
            app::close_round(round_id),
            [done = std::move(done), grace = close_grace_](domain::result<app::round_event> ev) {
                if (!ev)
                    return done(std::unexpected(ev.error()));
                done(close_outcome{false, 0, grace});
            });
    }
    closing_round_ = round_id;
    closing_since_ = std::chrono::steady_clock::now();
    close_timer_.expires_after(close_grace_);
    close_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec)
            self->finish_close(); // the grace is over
    });
    changed(change::ballots);
    done(close_outcome{true, waiting_for, close_grace_});
}

void room::finish_close() {
    if (!closing_round_)
        return;
    auto round_id = *closing_round_;
    closing_round_.reset();
    close_timer_.cancel();
    // Nothing is in flight for a closed round, including the phones that left during the grace.
    std::erase_if(in_flight_, [&](const auto& entry) { return entry.second.round_id == round_id; });
    run_on_strand<app::round_event>(app::close_round(round_id),
                                    [](domain::result<app::round_event>) {});
}

void room::arm_countdown(std::int64_t round_id, std::chrono::system_clock::time_point closes_at) {
    auto left = closes_at - std::chrono::system_clock::now();
    countdown_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(left));
    countdown_.async_wait([self = shared_from_this(), round_id](boost::system::error_code ec) {
        if (ec)
            return; // cancelled: closed by hand or re-armed
        // Like the moderator's close: phones with a vote in flight get the grace.
        self->begin_close(round_id, [](domain::result<close_outcome>) {});
    });
}

} // namespace asamblea::server
