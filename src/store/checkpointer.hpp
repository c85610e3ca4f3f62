#pragma once
/// Copies the write-ahead log back into the database file on a thread of its own, a few pages at
/// a time, so that the writer's commits never wait for a checkpoint.
///
/// SQLite checkpoints inside the commit that makes the log pass its limit: the copy of every
/// page and the database file's sync then hold that commit, and every ballot queued behind it.
/// On a disk that takes 2,000 writes a second (`scripts/bench --write-iops 2000`, SQLite's
/// baseline 9,000 ballots/s like issue 19's slower machine) each 10,000-page checkpoint held a
/// server's ballots for up to 1.3 s, every 8–10 s: the steady ack's p99 went from 44 to 742 ms.
///
/// Here the writer's connection gets a WAL hook instead of SQLite's automatic checkpoint: after
/// each commit it learns the log's length in pages, and past about `pages` it wakes this thread,
/// which runs PASSIVE checkpoints on a connection of its own. A passive checkpoint takes no lock
/// the writer needs: it copies the frames committed before it started while the writer goes on
/// appending. Its connection writes through store/paced_checkpoint_vfs, so the disk gets the
/// copies in small groups between which the writer's commits get their turn (moving the same
/// one big copy to another thread only moved the wait: the commits queued behind it on the
/// disk). The thread passes again while what was committed during its last pass shrinks; the
/// rest is copied by the writer itself between two batches (after_batch), because
/// the log starts over from its beginning only when a commit finds every frame of it copied,
/// which under steady load a pass on another thread never leaves it; that copy holds the
/// writer's ballots, so it comes once every `restart_rounds` rounds, not each one.

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>

struct sqlite3;

namespace asamblea::store {

class checkpointer {
public:
    /// Opens its own connection to `path` and takes the place of `writer_db`'s automatic
    /// checkpoint (its WAL hook). Only while no commit runs on `writer_db` (the writer's thread
    /// not started yet).
    checkpointer(const std::string& path, SQLite::Database& writer_db, int pages);
    /// Removes the hook and joins the thread; only once no commit runs on the writer's
    /// connection any more (the writer's thread joined).
    ~checkpointer();
    checkpointer(const checkpointer&) = delete;
    checkpointer& operator=(const checkpointer&) = delete;

    /// What was done so far (for tests and the bench).
    struct counts {
        std::uint64_t rounds = 0;        // the thread's rounds of passes
        std::uint64_t passes = 0;        // the thread's checkpoints
        std::uint64_t busy = 0;          // passes another connection's checkpoint held off
        std::uint64_t writer_passes = 0; // the writer's short passes (after_batch)
        int log_frames = 0;              // the log's length at the last pass (thread's or writer's)
        int copied_frames = 0; // ... and how many of its frames were in the database file after it
    };
    counts totals() const;

    /// On the writer's thread between two batches: copies what the thread's passes left (at
    /// most about `final_frames` frames), so that the next commit starts the log over. Cheap
    /// otherwise (one atomic load).
    void after_batch();

    /// A pass that leaves at most this many frames uncopied hands the rest to the writer: then
    /// at most this many random writes (and two syncs) between two of its batches. It gets more
    /// only when the passes stop gaining on the commits.
    static constexpr int final_frames = 64;

    /// The log starts over (the writer copies the rest of a round) once it is this many times
    /// `pages` long, or earlier when a round leaves the writer only a few frames. The rounds
    /// before copy what the log gained and leave it growing: the copies that matter for the
    /// disk are as many as with a shorter log, and the writer's ballots wait for its copy a
    /// third as often (issue 19: the writer's copies, 65–195 ms each at 2,000 writes/s, were
    /// the slow disk's ack p99). A look-up in the log's index starts at the first frame not
    /// yet copied, so the longer log adds no look-up; its file, which `asamblea serve`
    /// lengthens at start (store/log_preallocation), holds up to about 40,000 pages.
    static constexpr int restart_rounds = 3;

    /// What a round does after a pass that left `left` frames of the log's `log` uncopied
    /// (`left_before` after the pass before it; INT_MAX after the round's first), with
    /// rounds every `pages`.
    enum class after_pass { done, writer_copies_rest, pass_again };
    static after_pass next_step(int log, int left, int left_before, int pages);

    /// How long the thread rests after a pass that copied nothing new.
    static constexpr std::chrono::milliseconds stalled_pause{100};

private:
    /// The WAL hook: runs on the writer's thread after each commit; only wakes the thread.
    static int on_commit(void* self, sqlite3* db, const char* name, int log_pages);
    void loop();
    /// A new threshold for the next round (writer's thread).
    void draw_threshold();
    /// The machine-wide lock file of the disk under `path`, or -1.
    static int open_disk_lock(const std::string& path);

    /// Holds the disk's lock (flock) for one round of passes: servers of one machine copy their
    /// logs one after another. Together, each pass got a share of the disk and lasted so long
    /// that the writers committed almost as much meanwhile; the last copies, the writers',
    /// stalled their ballots (issue 19: ack p99 250 ms at 2,000 writes/s). Alone, a round
    /// of passes takes a fraction of a second and leaves the writer a few frames.
    class disk_turn {
    public:
        explicit disk_turn(int fd);
        ~disk_turn();
        disk_turn(const disk_turn&) = delete;
        disk_turn& operator=(const disk_turn&) = delete;

    private:
        int fd_;
    };
    /// One PASSIVE checkpoint of `db`, counted; returns whether it ran.
    bool pass(sqlite3* db, bool by_writer);

    SQLite::Database& writer_db_;
    const int pages_;
    std::minstd_rand random_; // writer's thread (the hook), after the constructor
    int threshold_ = 0;       // this round's `pages`, give or take a quarter; writer's thread
    int next_round_at_ = 0;   // the log's length at the last round's start; writer's thread
    int disk_lock_;           // open_disk_lock's file, or -1
    std::unique_ptr<SQLite::Database> db_; // the checkpointer's own connection
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool due_ = false;
    bool stopping_ = false;
    std::atomic<int> log_frames_{0};           // the log's length after the writer's last commit
    std::atomic<bool> writer_finishes_{false}; // a pass left the last few frames to the writer
    counts totals_;
    std::thread thread_;
};

} // namespace asamblea::store
