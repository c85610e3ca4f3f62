#pragma once
/// The single writer: one thread owns the write connection and commits queued commands in batches.

#include "domain/error.hpp"
#include "store/checkpointer.hpp"
#include "store/database.hpp"
#include "store/write_context.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace SQLite {
class Database;
}

namespace asamblea::store {

/// Group commit: commands run in one transaction, each in its own savepoint, and complete only
/// after the transaction commits. A failing command rolls back alone; its batch-mates still commit.
class writer {
public:
    struct options {
        std::size_t max_batch = 1024; // commands per transaction at most
        // How long a batch waits for company. Each commit costs a WAL write (a system call per
        // 30 pages), an fsync, now and then a checkpoint's last frames, and a few thread
        // switches: at a few hundred ballots a second a wait of 0.5 ms committed them one by
        // one, 8 ms about 2.4 at a time, 20 ms about 6. At 330 ballots/s in one process (a
        // national Saturday's share of one of six), 40 ms took the server's CPU per 1,000
        // ballots from 0.43 / 0.37 s to 0.36 / 0.33 s and the ack's p99 from 30 to 48 ms
        // (issue 19). A person does not notice 40 ms on an ack.
        // The writer waits only while company has been coming (the last batch had more than
        // one command), so a lone caller's writes one after another never wait.
        std::chrono::microseconds max_delay{40000};
        // A batch of this many goes at once: the wait above is for company, and under load
        // (a burst) it would only leave the writer idle while the queue grows.
        std::size_t enough_company = 16;
        // Wait for company before every batch, even after lone ones (tests that need several
        // commands in one batch).
        bool always_wait = false;
        std::size_t max_queue = 200'000; // submissions past this are refused
        // The log's length in pages (give or take a quarter) past which store/checkpointer
        // copies it back into the database file, on its own thread. A longer log would mean
        // fewer rounds of copies, each writing most of the open rounds' index pages once, but
        // every page a connection reads is first looked up in the log's index, longer with the
        // log: at 30,000 pages one run cost half again as much CPU per ballot (issue 19;
        // presumably those look-ups, not profiled).
        int checkpoint_pages = wal_checkpoint_pages;
        // Gives the log its full length (`checkpointer::restart_rounds` × checkpoint_pages
        // frames: about 120 MiB at 10,000) as zeros before the first commit
        // (store/log_preallocation). `asamblea serve` does; tests and commands need not.
        bool preallocate_log = false;
        // The write connection's page cache at most. The ballots' indexes (voter tags,
        // receipts) are random keys: with SQLite's default 2 MiB most inserts read their index
        // page back from the OS, a system call each (issue 19's profile: 3 % of a busy server).
        // Pages are held only as they are used.
        std::size_t cache_kib = 32 * 1024;
    };
    /// Runs on the writer thread; a returned error or a thrown exception rolls the command back.
    using command = std::function<domain::status(write_context&)>;
    /// Runs on the writer thread after the batch's fate is known; must be quick (post elsewhere).
    using completion = std::function<void(domain::status)>;
    /// Told the size and commit duration of every batch, for metrics.
    using batch_observer = std::function<void(std::size_t, std::chrono::nanoseconds)>;

    /// Opens the write connection at path (migrating it) and starts the thread.
    writer(const std::string& path, options opts);
    explicit writer(const std::string& path) : writer(path, options{}) {}
    ~writer();
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;

    /// Queues a command; refuses (without running anything) when the queue is full or stopped.
    domain::status submit(command cmd, completion done);

    /// Queues a command and blocks until its batch committed. Never call it from a completion.
    domain::status run(command cmd);

    /// From a completion only (the writer thread): runs `fn` once every completion of the
    /// batch has run, so a caller can hand on a batch's results together.
    void after_completions(std::function<void()> fn);

    std::size_t queue_depth() const;
    /// What the writer's checkpointer did so far (for tests and the bench).
    checkpointer::counts checkpoint_totals() const { return checkpointer_->totals(); }
    void set_observer(batch_observer observer);

    /// Stops accepting, commits what is queued, and joins the thread. Idempotent.
    void stop();

private:
    struct job {
        command cmd;
        completion done;
    };
    void loop();
    void commit_batch(std::deque<job>& batch);
    /// options::preallocate_log, before the thread starts.
    void lengthen_log(const std::string& path);

    options opts_;
    std::unique_ptr<SQLite::Database> db_;
    std::unique_ptr<checkpointer> checkpointer_; // gone before db_, after the thread
    std::unique_ptr<audit_chain> chain_;
    std::int64_t data_version_ = -1; // PRAGMA data_version at the last batch; writer thread
    std::unique_ptr<statement_cache> statements_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<job> queue_;
    bool stopping_ = false;
    bool had_company_ = false; // the last batch held more than one command; writer thread
    batch_observer observer_;
    std::vector<std::function<void()>> after_completions_; // writer thread
    std::thread thread_;
};

} // namespace asamblea::store
