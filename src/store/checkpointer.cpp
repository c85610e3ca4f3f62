#include "store/checkpointer.hpp"

#include "store/paced_checkpoint_vfs.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <limits>

namespace asamblea::store {

checkpointer::checkpointer(const std::string& path, SQLite::Database& writer_db, int pages)
    : writer_db_(writer_db), pages_(pages), random_(std::random_device{}()),
      disk_lock_(open_disk_lock(path)),
      db_(std::make_unique<SQLite::Database>(path.c_str(),
                                             SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, 5000,
                                             paced_checkpoint_vfs_name())) {
    // FULL like the writer's: a checkpoint syncs the log before it copies and the database file
    // before the log may start over.
    db_->exec("PRAGMA synchronous=FULL");
    draw_threshold();
    // Replaces the automatic checkpoint SQLite installs as the connection's WAL hook (the
    // PRAGMA wal_autocheckpoint that open_database set): one hook per connection.
    sqlite3_wal_hook(writer_db_.getHandle(), &checkpointer::on_commit, this);
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "asamblea-ckpt");
        loop();
    });
}

checkpointer::~checkpointer() {
    sqlite3_wal_hook(writer_db_.getHandle(), nullptr, nullptr);
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
    if (disk_lock_ >= 0)
        ::close(disk_lock_);
}

checkpointer::counts checkpointer::totals() const {
    std::lock_guard lock(mutex_);
    return totals_;
}

int checkpointer::on_commit(void* self, sqlite3*, const char*, int log_pages) {
    auto* me = static_cast<checkpointer*>(self);
    if (me->log_frames_.exchange(log_pages, std::memory_order_relaxed) > log_pages) {
        me->next_round_at_ = 0; // the log started over
        me->draw_threshold();
    }
    if (log_pages < me->next_round_at_ + me->threshold_ ||
        me->writer_finishes_.load(std::memory_order_relaxed))
        return SQLITE_OK;
    // The next round once as many pages again are committed: each round copies what the log
    // gained since the one before.
    me->next_round_at_ = log_pages;
    me->draw_threshold();
    bool wake = false;
    {
        std::lock_guard lock(me->mutex_);
        // While a pass runs the log stays long: one more pass is enough for all those commits.
        wake = !me->due_;
        me->due_ = true;
    }
    if (wake)
        me->wake_.notify_one();
    return SQLITE_OK;
}

checkpointer::disk_turn::disk_turn(int fd) : fd_(fd) {
    // Interrupted by a signal: go on without the turn rather than not at all.
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0)
        fd_ = -1;
}

checkpointer::disk_turn::~disk_turn() {
    if (fd_ >= 0)
        ::flock(fd_, LOCK_UN);
}

int checkpointer::open_disk_lock(const std::string& path) {
    // One lock file per disk (device number) in the temporary directory, shared by every
    // server of the machine whatever its data folder. Without it (no temporary directory, a
    // file of another user's) each checkpoints on its own, as before.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return -1;
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec);
    if (ec)
        return -1;
    auto lock = dir / ("asamblea-checkpoint-" + std::to_string(st.st_dev) + ".lock");
    int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd >= 0)
        ::fchmod(fd, 0666); // the umask would keep another user's servers out
    return fd;
}

void checkpointer::draw_threshold() {
    // Servers started together (a national Saturday's fleet on one machine) would otherwise
    // fill their logs in step and checkpoint at the same moments, each pass then getting a
    // sixth of the disk. A threshold drawn anew each time, between 3/4 and 5/4 of `pages`,
    // spreads them apart within a few rounds and keeps the average.
    threshold_ = pages_ - pages_ / 4 + static_cast<int>(random_() % (pages_ / 2 + 1));
}

void checkpointer::after_batch() {
    if (writer_finishes_.exchange(false, std::memory_order_relaxed))
        pass(writer_db_.getHandle(), true);
}

bool checkpointer::pass(sqlite3* db, bool by_writer) {
    int log = 0;
    int copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    std::lock_guard lock(mutex_);
    ++(by_writer ? totals_.writer_passes : totals_.passes);
    if (rc == SQLITE_BUSY) {
        // Another connection (a CLI command's) is checkpointing: a later commit asks again.
        ++totals_.busy;
        return false;
    }
    if (rc != SQLITE_OK) {
        // The log only grows until a pass succeeds; nothing acknowledged is at stake (every
        // commit is in the synced log).
        std::cerr << "asamblea: checkpoint failed: " << sqlite3_errstr(rc) << "\n";
        return false;
    }
    totals_.log_frames = log;
    totals_.copied_frames = copied;
    return true;
}

checkpointer::after_pass checkpointer::next_step(int log, int left, int left_before, int pages) {
    if (left == 0)
        return after_pass::done; // the writer's next commit starts the log over
    // A few frames left: the writer copies them at little cost and the log starts over. More
    // (the passes no longer gain on the commits), only once the log is long: each of those
    // copies holds the writer's ballots up to a fifth of a second on a slow disk, so it comes
    // once every `restart_rounds` rounds, not each one.
    const bool long_log = log >= restart_rounds * pages - pages / 2;
    if (left <= final_frames || (long_log && left >= left_before))
        return after_pass::writer_copies_rest;
    if (!long_log || left >= left_before)
        return after_pass::done; // the next round goes on from here
    return after_pass::pass_again;
}

void checkpointer::loop() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || due_; });
            if (stopping_)
                return;
            due_ = false;
        }
        // The writer has not yet copied what the last pass left it.
        if (writer_finishes_.load(std::memory_order_relaxed))
            continue;
        disk_turn turn(disk_lock_);
        {
            std::lock_guard lock(mutex_);
            ++totals_.rounds;
        }
        // A round's first pass copies what the log gained since the last round. Only once the
        // log is long do more passes follow, each copying what the writer committed during
        // the one before, while that shrinks; what is left once it is small (or stops
        // shrinking: the disk is busy) the writer copies between two batches, and the log
        // starts over. Each pass over a short stretch of commits writes most of the hot index
        // pages again: passes chained every round (the fourteenth pass of issue 19) took the
        // slow disk's last writes in the second half of the bench's steady minute; chained
        // longer (passing until the log was three times `pages`) they kept every server's
        // disk busy for good. When the disk cannot keep up, the writer is slowed as much as it
        // must be, no more.
        int left_before = std::numeric_limits<int>::max();
        int copied_before = -1;
        while (pass(db_->getHandle(), false)) {
            int copied = 0;
            {
                std::lock_guard lock(mutex_);
                copied = totals_.copied_frames;
                if (stopping_)
                    return;
            }
            // `copied` counts every frame of the log copied so far, by this pass or earlier ones,
            // of the log as the pass found it; the writer has committed more since.
            const int log = log_frames_.load(std::memory_order_relaxed);
            const int left = std::max(0, log - copied);
            if (copied <= copied_before && left > 0) {
                // A reader still holds the rest: give it time before the next commit's wake.
                std::unique_lock lock(mutex_);
                wake_.wait_for(lock, stalled_pause, [this] { return stopping_; });
                break;
            }
            const auto step = next_step(log, left, left_before, pages_);
            if (step == after_pass::writer_copies_rest)
                writer_finishes_.store(true, std::memory_order_relaxed);
            if (step != after_pass::pass_again)
                break;
            left_before = left;
            copied_before = copied;
        }
    }
}

} // namespace asamblea::store
