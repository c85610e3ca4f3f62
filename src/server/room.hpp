#pragma once
/// One clinic's assembly in memory: its strand is the single place where the assembly changes.
/// A command is prepared against the hot state on the strand, persisted by the store's writer,
/// and applied back on the strand after its batch commits, in submission order.

#include "domain/error.hpp"
#include "store/store.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <functional>
#include <future>
#include <memory>
#include <string>

namespace asamblea::server {

class room : public std::enable_shared_from_this<room> {
public:
    using strand_type = boost::asio::strand<boost::asio::any_io_executor>;

    room(boost::asio::any_io_executor executor, std::string clues, store::store& db)
        : strand_(boost::asio::make_strand(executor)), clues_(std::move(clues)), db_(db) {}

    const std::string& clues() const { return clues_; }
    strand_type& strand() { return strand_; }
    store::store& db() { return db_; }

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
            auto prepared = prepare();
            if (!prepared)
                return done(std::unexpected(prepared.error()));
            auto event = std::make_shared<Event>(std::move(*prepared));
            auto queued = self->db_.writer().submit(
                [persist, event](store::write_context& ctx) { return persist(ctx, *event); },
                [self, event, apply, done](domain::status committed) {
                    boost::asio::post(self->strand_, [event, apply, done, committed] {
                        if (!committed)
                            return done(std::unexpected(committed.error()));
                        apply(*event);
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

    /// Runs fn on the strand and waits for its value; for reads of the hot state from a worker.
    template <class Fn> auto read_sync(Fn fn) -> decltype(fn()) {
        std::promise<decltype(fn())> promise;
        auto future = promise.get_future();
        boost::asio::post(strand_, [&] { promise.set_value(fn()); });
        return future.get();
    }

private:
    strand_type strand_;
    std::string clues_;
    store::store& db_;
};

} // namespace asamblea::server
