#pragma once
/// One clinic's assembly in memory: its strand is the single place where the assembly changes.
/// A command is prepared against the hot state on the strand, persisted by the store's writer,
/// and applied back on the strand after its batch commits, in submission order. Subscribers get
/// coalesced, versioned snapshots.

#include "domain/error.hpp"
#include "server/rooms/room_state.hpp"
#include "server/rooms/subscriber.hpp"
#include "store/store.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace asamblea::server {

class room : public std::enable_shared_from_this<room> {
public:
    using strand_type = boost::asio::strand<boost::asio::any_io_executor>;
    /// At most one snapshot push per interval per room; versions still rise on every change.
    static constexpr std::chrono::milliseconds broadcast_interval{150};
    /// Voters' phones get a change that is only a new ballot (participation, live results) at
    /// most this often (plus a random delay up to as much again, so rooms do not push in step);
    /// any other change reaches them within broadcast_interval. With 150 phones
    /// per room the per-ballot fan-out would otherwise dominate the server's work.
    static constexpr std::chrono::milliseconds voter_progress_interval{5000};

    room(boost::asio::any_io_executor executor, std::string clues, store::store& db)
        : strand_(boost::asio::make_strand(executor)), clues_(std::move(clues)), db_(db),
          broadcast_timer_(strand_), voter_timer_(strand_), countdown_(strand_) {}

    const std::string& clues() const { return clues_; }
    strand_type& strand() { return strand_; }
    store::store& db() { return db_; }

    /// The hot state; only on the strand.
    room_state& state() { return state_; }

    /// Loads the hot state on first use; only on the strand.
    void ensure_loaded();
    /// Re-reads the summary from the database and pushes a snapshot; only on the strand.
    void refresh();
    /// Marks the state changed: bumps the version and schedules a coalesced push; on the strand.
    /// `ballot_only` changes (a counted ballot) reach voters at voter_progress_interval.
    void changed(bool ballot_only = false);

    /// Adds a subscriber and sends it the snapshot if its version is behind; on the strand.
    /// Voters' phones (`voter`) get ballot-only changes less often than projectors and staff.
    void subscribe(std::weak_ptr<subscriber> s, std::uint64_t known_version, bool voter = false);

    /// A voter's ballot: checked on the strand, acknowledged only after commit.
    void cast_ballot(const server::voter& voter, std::int64_t round_id, std::string ballot_uid,
                     std::vector<std::string> choices,
                     std::function<void(domain::result<std::string>)> done);

    /// Starts (or cancels with an empty closes_at) the countdown that closes the open round.
    void arm_countdown(std::int64_t round_id, std::chrono::system_clock::time_point closes_at);

    /// Closes the open round, tallying inside the commit; on the strand, completion on the strand.
    void close_round(std::int64_t round_id,
                     std::function<void(domain::result<nlohmann::json>)> done);

    /// prepare (strand) → persist (writer thread, inside a batch) → apply (strand, after commit)
    /// → done (strand). A failure at any step skips the rest and reaches done as an error.
    template <class Event>
    void command(std::function<domain::result<Event>()> prepare,
                 std::function<domain::status(store::write_context&, Event&)> persist,
                 std::function<void(const Event&)> apply,
                 std::function<void(domain::result<Event>)> done) {
        boost::asio::post(strand_, [self = shared_from_this(), prepare = std::move(prepare),
                                    persist = std::move(persist), apply = std::move(apply),
                                    done = std::move(done)]() mutable {
            self->ensure_loaded();
            auto prepared = prepare();
            if (!prepared)
                return done(std::unexpected(prepared.error()));
            auto event = std::make_shared<Event>(std::move(*prepared));
            auto queued = self->db_.writer().submit(
                [persist, event](store::write_context& ctx) { return persist(ctx, *event); },
                [self, event, apply, done](domain::status committed) {
                    boost::asio::post(self->strand_, [self, event, apply, done, committed] {
                        if (!committed)
                            return done(std::unexpected(committed.error()));
                        apply(*event);
                        self->refresh();
                        done(std::move(*event));
                    });
                });
            if (!queued)
                done(std::unexpected(queued.error()));
        });
    }

    /// The blocking form for REST handlers on the worker pool. Never call it from the strand.
    template <class Event>
    domain::result<Event>
    command_sync(std::function<domain::result<Event>()> prepare,
                 std::function<domain::status(store::write_context&, Event&)> persist,
                 std::function<void(const Event&)> apply) {
        std::promise<domain::result<Event>> promise;
        auto future = promise.get_future();
        command<Event>(std::move(prepare), std::move(persist), std::move(apply),
                       [&promise](domain::result<Event> r) { promise.set_value(std::move(r)); });
        return future.get();
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

    /// The keyed tag that stands for a person in one round: the same for every credential the
    /// person holds, so one person has one counted ballot; computed with the assembly's ballot
    /// key, which is destroyed at the close.
    /// `create` makes the key when the assembly has none yet (only while a round is open);
    /// without a key there is no tag.
    std::optional<std::string> voter_tag(const server::voter& voter, std::int64_t round_id,
                                         bool create) const;

private:
    void push_snapshot();
    void push_to_voters(const std::shared_ptr<const std::string>& message);
    void push_snapshot_later_to_voters();

    strand_type strand_;
    std::string clues_;
    store::store& db_;
    room_state state_;
    std::vector<std::weak_ptr<subscriber>> subscribers_; // projectors and staff
    std::vector<std::weak_ptr<subscriber>> voters_;      // phones
    boost::asio::steady_timer broadcast_timer_;
    bool broadcast_pending_ = false;
    std::chrono::steady_clock::time_point last_push_{};
    boost::asio::steady_timer voter_timer_;
    bool voters_stale_ = false;  // voters have not seen the latest version
    bool voters_urgent_ = false; // ... and it holds more than new ballots
    bool voter_timer_pending_ = false;
    std::chrono::steady_clock::time_point next_voter_push_{}; // earliest ballot-only push
    std::minstd_rand jitter_rng_{static_cast<unsigned>(std::hash<std::string>{}(clues_))};
    boost::asio::steady_timer countdown_;
    // Ballots written but not yet committed, by voter tag + '/' + ballot id: a resend waits for
    // the first one's fate instead of writing again.
    struct pending_ballot {
        std::string receipt;
        std::vector<std::function<void(domain::result<std::string>)>> waiters;
    };
    std::unordered_map<std::string, pending_ballot> pending_;
};

} // namespace asamblea::server
