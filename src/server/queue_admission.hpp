#pragma once
/// Admission to a thread pool: a job is let in while fewer than the pool's threads plus its
/// queue bound are in it; past that it is refused at once (the caller answers busy).

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace asamblea::server {

class queue_admission {
public:
    /// `threads` jobs may run and `queue` more may wait; `waiting` and `refused` are the metrics
    /// this admission keeps up to date (jobs waiting for a thread, jobs refused).
    queue_admission(std::size_t threads, std::size_t queue, std::atomic<std::int64_t>& waiting,
                    std::atomic<std::uint64_t>& refused);
    queue_admission(const queue_admission&) = delete;
    queue_admission& operator=(const queue_admission&) = delete;

    /// Takes a place; false (and counted as refused) when the pool and its queue are full.
    bool try_enter();
    /// Takes a place whatever the bound: for work that must not be refused halfway (an upload
    /// whose body is already on disk).
    void enter();
    /// The job left the queue and runs on a thread.
    void started();
    /// The job finished; its place is free.
    void finished();

    std::size_t capacity() const { return capacity_; }

private:
    std::size_t capacity_;
    std::atomic<std::size_t> in_pool_{0};
    std::atomic<std::int64_t>& waiting_;
    std::atomic<std::uint64_t>& refused_;
};

} // namespace asamblea::server
