#pragma once
/// One clinic's assembly in memory: its strand is the single place where the assembly changes.
/// The room runs every app::command the same way (prepare on the strand, persist in the writer's
/// batch, apply on the strand after commit, in submission order), keeps the countdown timer, and
/// pushes coalesced, versioned snapshots to its subscribers.

#include "app/command.hpp"
#include "app/hot_state.hpp"
#include "domain/close_grace.hpp"
#include "domain/error.hpp"
#include "server/auth/voter_auth.hpp"
#include "server/rooms/ballot_shedder.hpp"
#include "server/rooms/commit_fanout.hpp"
#include "server/rooms/subscriber.hpp"
#include "server/rooms/voter_push.hpp"
#include "server/views/snapshot_view.hpp"
#include "store/store.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace asamblea::server {

class room : public std::enable_shared_from_this<room> {
public:
    using strand_type = boost::asio::strand<boost::asio::any_io_executor>;
    /// The commits that reach the room together (a writer batch's, usually) make one push, at
    /// once, after their answers. Any other change, while ballots of the room are on their way
    /// to the store, waits for at most one push per interval; otherwise it is pushed at once.
    /// Versions rise on every change.
    static constexpr std::chrono::milliseconds broadcast_interval{150};
    /// A change of only the votes in flight (a ballot arrived, or was stored a moment later)
    /// goes out with the next push, or after this long: pushed at once it made a second push per
    /// ballot, and the ballot's own push then waited a broadcast interval behind it. While a
    /// close waits for those votes, their count goes out like any change.
    static constexpr std::chrono::milliseconds in_flight_interval{1000};
    /// Voters' phones get a change that is only a new ballot (participation, live results) at
    /// most this often (plus a random delay up to half as much again, so rooms do not push in
    /// step; the page pings only after 50 s without a message, so 30–45 s apart keeps it quiet),
    /// as a small progress message; any other change reaches them with the next push, as the
    /// whole snapshot. With 150 phones per room the per-ballot fan-out would otherwise
    /// dominate the server's work. `asamblea serve --voter-progress-ms` (tests use less).
    static constexpr std::chrono::milliseconds default_voter_progress{30000};

    /// What asking to close a round did: closed it at once, or started waiting (up to `grace`)
    /// for the votes still in flight from connected phones.
    struct close_outcome {
        bool waiting = false;
        int pending_votes = 0;
        std::chrono::milliseconds grace{0};
    };

    /// `shedder`, when given, answers new ballots «busy» past its bounds; `fanout` hands the
    /// room its commits together with the other rooms of a batch (the registry's, shared by all
    /// its rooms; without one the room makes its own). The shedder outlives the room.
    room(boost::asio::any_io_executor executor, std::string clues, store::store& db,
         std::chrono::milliseconds close_grace = domain::default_close_grace,
         std::chrono::milliseconds voter_progress = default_voter_progress,
         ballot_shedder* shedder = nullptr, std::shared_ptr<commit_fanout> fanout = nullptr)
        : strand_(boost::asio::make_strand(executor)), clues_(std::move(clues)), db_(db),
          broadcast_timer_(strand_), voter_progress_(voter_progress), voter_timer_(strand_),
          countdown_(strand_), close_grace_(close_grace), close_timer_(strand_), shedder_(shedder),
          fanout_(fanout ? std::move(fanout)
                         : std::make_shared<commit_fanout>(executor, db.writer())) {
        // A room is made again after an unload (or a restart): its versions start past any a
        // phone may remember from the earlier one, so a reconnecting phone gets the snapshot.
        state_.start_versions_at(
            static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count()));
    }

    const std::string& clues() const { return clues_; }
    strand_type& strand() { return strand_; }
    store::store& db() { return db_; }

    /// The hot state; only on the strand.
    const app::hot_state& state() const { return state_; }

    /// Loads the hot state on first use; only on the strand.
    void ensure_loaded();

    /// Adds a subscriber and sends it the snapshot if its version is behind; on the strand.
    /// A ballot-only change reaches every client as a progress message: projectors and staff at
    /// once, voters' phones (`voter`) less often, and nothing while hidden (subscriber::hidden).
    void subscribe(std::weak_ptr<subscriber> s, std::uint64_t known_version, bool voter = false);

    /// A voter's phone says its page is visible again: it gets at once the snapshot if it missed
    /// a state change, else a progress message if ballots moved since its last message. Safe
    /// from any thread.
    void voter_visible(std::weak_ptr<subscriber> phone);

    /// Runs the commits deliver_committed gathered, through the strand: at once if it is free
    /// and the caller runs on the rooms' context (commit_fanout's handler), else queued on it.
    void run_committed_on_strand();

    /// Runs a command; `done` is called on the strand with the event or the first error.
    template <class Event>
    void run(app::command<Event> cmd, std::function<void(domain::result<Event>)> done) {
        boost::asio::post(strand_, [self = shared_from_this(), cmd = std::move(cmd),
                                    done = std::move(done)]() mutable {
            self->run_on_strand(std::move(cmd), std::move(done));
        });
    }

    /// Runs a command and waits for it: for REST handlers on the worker pool, never the strand.
    template <class Event> domain::result<Event> run_sync(app::command<Event> cmd) {
        std::promise<domain::result<Event>> promise;
        auto future = promise.get_future();
        auto finish = cmd.finish;
        run<Event>(std::move(cmd),
                   [&promise](domain::result<Event> r) { promise.set_value(std::move(r)); });
        auto result = future.get();
        if (result && finish)
            finish(*result);
        return result;
    }

    /// Runs fn on the strand (after loading) and waits for its value; for reads from a worker.
    template <class Fn> auto read_sync(Fn fn) -> decltype(fn()) {
        std::promise<decltype(fn())> promise;
        auto future = promise.get_future();
        boost::asio::post(strand_, [&] {
            ensure_loaded();
            promise.set_value(fn());
        });
        return future.get();
    }

    /// A voter's ballot: tagged with the assembly's key, checked on the strand, acknowledged with
    /// its receipt only after commit. A resend of a ballot in flight waits for the first one.
    /// Until it is stored or refused, the ballot is a vote in flight of `session`. A new ballot
    /// past the shedder's bounds is answered `busy` at once and written nowhere; it stays a vote
    /// in flight (the phone sends it again).
    void cast_ballot(const server::voter_ids& voter, std::uint64_t session, std::int64_t round_id,
                     std::string ballot_uid, std::vector<std::string> choices,
                     std::function<void(domain::result<std::string>)> done);

    /// A connected phone (`session`) says it holds a ballot for `round_id` not yet acknowledged
    /// (its hello after a reconnect): it counts as a vote in flight until that voter's ballot for
    /// the round is stored, its ballot is refused, or the session ends. Only on the strand.
    void declare_vote_in_flight(std::uint64_t session, std::int64_t attendee_id,
                                std::int64_t round_id);

    /// The WebSocket `session` ended: its vote in flight, if any, no longer holds up a close,
    /// unless that close is already waiting (the phone is probably reconnecting; the grace
    /// bounds the wait). Safe from any thread.
    void session_ended(std::uint64_t session);

    /// Connected voters with a vote in flight for the open round (0 without one); on the strand.
    int pending_votes() const;

    /// Closes the open round `round_id`: at once when no connected phone has a vote in flight,
    /// else after the last one arrives or the close grace is over, whichever is first (the
    /// timer runs on the strand; nobody waits for it). For a worker: waits only for the decision,
    /// or for the close's commit when it closes at once.
    domain::result<close_outcome> close_round_sync(std::int64_t round_id);

    /// The tag of this voter in the round, if the assembly's key exists; on the strand.
    std::optional<std::string> voter_tag(const server::voter_ids& voter,
                                         std::int64_t round_id) const;

private:
    template <class Event>
    void run_on_strand(app::command<Event> cmd, std::function<void(domain::result<Event>)> done) {
        ensure_loaded();
        app::scope scope{clues_, state_, db_.readers()};
        auto prepared = cmd.prepare(scope);
        if (!prepared)
            return done(std::unexpected(prepared.error()));
        auto event = std::make_shared<Event>(std::move(*prepared));
        auto shared = std::make_shared<app::command<Event>>(std::move(cmd));
        auto self = shared_from_this();
        auto queued = db_.writer().submit(
            [shared, event, clues = clues_](store::write_context& ctx) {
                return shared->persist(ctx, clues, *event);
            },
            [self, shared, event, done](domain::status committed) {
                self->deliver_committed([self, shared, event, done, committed] {
                    if (!committed) {
                        if (shared->abandon)
                            shared->abandon(self->state_);
                        return done(std::unexpected(committed.error()));
                    }
                    self->after(shared->apply ? shared->apply(self->state_, *event)
                                              : app::after_commit{});
                    done(std::move(*event));
                });
            });
        if (!queued) {
            if (shared->abandon)
                shared->abandon(state_);
            done(std::unexpected(queued.error()));
        }
    }

    /// Runs `fn` (a committed command's apply and answer) on the strand, in commit order,
    /// together with the other commits of this room that reached it meanwhile (one writer
    /// batch, usually); the room pushes once after them, at once. Writer thread.
    void deliver_committed(std::function<void()> fn);
    /// Runs what deliver_committed gathered, then pushes what it changed; on the strand.
    void run_committed();
    /// What the room does after a committed command: the countdown, then a reload and a push
    /// (or only a push when nothing but counted ballots changed).
    void after(const app::after_commit& next);
    /// Re-reads the summary and the round from the database and pushes a snapshot.
    void refresh();
    /// What changed: the state itself, the ballot figures (a counted ballot, a close waiting),
    /// or only the count of votes in flight.
    enum class change { state, ballots, in_flight };
    /// Marks the state changed: bumps the version and schedules a coalesced push (after the
    /// commits being run, if any). Changes of the ballot figures reach voters at the voter
    /// progress interval, as progress messages; a change of only the votes in flight waits up to
    /// in_flight_interval.
    void changed(change what = change::state);
    /// When the push for a change goes: at once, or coalesced (see broadcast_interval).
    void schedule_push(change what);
    void arm_countdown(std::int64_t round_id, std::chrono::system_clock::time_point closes_at);
    /// Pushes at once, dropping a push the timer held for later.
    void push_now();
    void push_snapshot();
    /// Projectors and staff get what they lack (next_voter_push) at every push; each text is made
    /// on first need and left in `snapshot` or `progress` for the phones of the same push.
    void push_to_subscribers(std::shared_ptr<const std::string>& snapshot,
                             std::shared_ptr<const std::string>& progress);
    /// Every visible phone gets what it lacks (next_voter_push); `snapshot` and `progress` are
    /// the push's texts if already made, else made on first need.
    void push_to_voters(std::shared_ptr<const std::string> snapshot,
                        std::shared_ptr<const std::string> progress);
    void push_snapshot_later_to_voters();
    /// A client of the room and what it was sent (voter_seen: a phone's, a projector's …).
    struct client_entry {
        std::weak_ptr<subscriber> client;
        voter_seen seen;
    };
    /// Delivers to one client what next_voter_push says; the two texts are made once per push.
    void send_to_client(subscriber& client, voter_seen& seen,
                        std::shared_ptr<const std::string>& snapshot,
                        std::shared_ptr<const std::string>& progress);
    /// The snapshot text, with the open round's votes in flight and whether its close waits.
    std::string snapshot_text();
    /// The progress message text, with the same ballot fields as snapshot_text.
    std::string progress_text();
    /// Starts a close (see close_round_sync); `done` on the strand.
    void begin_close(std::int64_t round_id,
                     std::function<void(domain::result<close_outcome>)> done);
    /// Ends a waiting close: runs the close command now.
    void finish_close();
    /// After a vote in flight came or went: publish the new count, and close a waiting round when
    /// the rule says so.
    void votes_in_flight_changed();

    strand_type strand_;
    std::string clues_;
    store::store& db_;
    app::hot_state state_;
    snapshot_view snapshot_;
    std::vector<client_entry> subscribers_; // projectors and staff
    std::vector<client_entry> voters_;      // phones
    // The version of the newest change that was more than ballots: a phone whose last snapshot
    // is older must get the snapshot, never a progress message.
    std::uint64_t base_version_ = 0;
    // Commits waiting for the strand (the writer adds, run_committed takes them all), and the
    // strongest change they made while running (pushed when the last of them is done).
    std::mutex committed_mutex_;
    std::vector<std::function<void()>> committed_; // guarded by committed_mutex_
    std::vector<std::function<void()>> running_;   // strand only; keeps its capacity
    bool running_committed_ = false;
    std::optional<change> change_while_running_;
    boost::asio::steady_timer broadcast_timer_;
    bool broadcast_pending_ = false;
    std::chrono::steady_clock::time_point broadcast_due_{}; // when the pending push goes
    std::chrono::steady_clock::time_point last_push_{};
    std::chrono::milliseconds voter_progress_;
    boost::asio::steady_timer voter_timer_;
    bool voters_stale_ = false;  // voters have not seen the latest version
    bool voters_urgent_ = false; // ... and it holds more than new ballots
    bool voter_timer_pending_ = false;
    std::chrono::steady_clock::time_point next_voter_push_{}; // earliest ballot-only push
    std::minstd_rand jitter_rng_{static_cast<unsigned>(std::hash<std::string>{}(clues_))};
    boost::asio::steady_timer countdown_;
    // Ballots written but not yet committed, by voter tag + '/' + ballot id: a resend waits for
    // the first one's fate instead of writing again.
    std::unordered_map<std::string, std::vector<std::function<void(domain::result<std::string>)>>>
        pending_;
    // Votes in flight, by WebSocket session: whose, and for which round.
    struct vote_in_flight {
        std::int64_t attendee_id = 0;
        std::int64_t round_id = 0;
    };
    std::unordered_map<std::uint64_t, vote_in_flight> in_flight_;
    int published_in_flight_ = 0; // the count the last snapshot carried
    std::chrono::milliseconds close_grace_;
    boost::asio::steady_timer close_timer_;
    std::optional<std::int64_t> closing_round_; // a close waiting for votes in flight
    std::chrono::steady_clock::time_point closing_since_{};
    ballot_shedder* shedder_;               // null: ballots are never shed
    std::shared_ptr<commit_fanout> fanout_; // never null
};

} // namespace asamblea::server
