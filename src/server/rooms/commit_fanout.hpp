#pragma once
/// Hands a writer batch's commits to their rooms with one post to the rooms' context, not one
/// per room.
///
/// A batch of ballots usually touches a dozen rooms. Posted one by one from the writer thread,
/// each post could wake the rooms thread, which then preempted the writer on its core, ran that
/// one room, and slept again before the next post: about four wake-ups a batch (issue 19). One
/// post wakes it once; the handler runs each room's commits through its strand (inline when the
/// strand is free, as it is with one rooms thread).

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <vector>

namespace asamblea::store {
class writer;
}

namespace asamblea::server {

class room;

/// Shared: rooms hold it, and so does a batch's pending flush (a batch may complete after the
/// registry that made it is gone, at shutdown).
class commit_fanout : public std::enable_shared_from_this<commit_fanout> {
public:
    commit_fanout(boost::asio::any_io_executor rooms, store::writer& writer)
        : rooms_(std::move(rooms)), writer_(writer) {}

    /// From a command's completion (the writer thread): `r` runs its gathered commits once
    /// every completion of this batch has run.
    void add(std::shared_ptr<room> r);

private:
    void flush();

    boost::asio::any_io_executor rooms_;
    store::writer& writer_;
    std::vector<std::shared_ptr<room>> batch_; // writer thread only
};

} // namespace asamblea::server
