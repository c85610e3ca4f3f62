#include "store/writer.hpp"

#include "store/clock.hpp"
#include "store/database.hpp"
#include "store/log_preallocation.hpp"
#include "store/migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <algorithm>

#include <exception>
#include <future>
#include <iostream>
#include <pthread.h>
#include <string>
#include <utility>

namespace asamblea::store {
namespace {

domain::status internal_failure(const char* what) {
    // The field of an internal error carries what went wrong to the log, never to the client.
    return domain::fail(domain::error_kind::internal, "store_error",
                        "No se pudo guardar. Intente de nuevo.", what ? what : "");
}

} // namespace

writer::writer(const std::string& path, options opts)
    : opts_(opts), db_(open_database(path, access::read_write, opts.cache_kib)) {
    migrate(*db_);
    chain_ = std::make_unique<audit_chain>(*db_);
    statements_ = std::make_unique<statement_cache>(*db_);
    if (opts.preallocate_log)
        lengthen_log(path);
    checkpointer_ = std::make_unique<checkpointer>(path, *db_, opts.checkpoint_pages);
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "asamblea-write");
        loop();
    });
}

void writer::lengthen_log(const std::string& path) {
    // As long as the log gets before the checkpointer starts it over (a 32-byte header, then
    // frames of a page and a 24-byte header each).
    try {
        const std::int64_t frame = db_->execAndGet("PRAGMA page_size").getInt64() + 24;
        preallocate_log(*db_, path,
                        32 + std::int64_t{checkpointer::restart_rounds} * opts_.checkpoint_pages *
                                 frame);
    } catch (const std::exception& e) {
        // Only slower first appends are at stake (a full disk, another connection holding the
        // log's lock past the busy time-out): serve anyway, and say so once.
        std::cerr << "asamblea: the write-ahead log was not lengthened: " << e.what() << "\n";
    }
}

writer::~writer() {
    stop();
}

domain::status writer::submit(command cmd, completion done) {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return domain::fail(domain::error_kind::unavailable, "shutting_down",
                                "El servidor se está apagando. Intente en un momento.");
        if (queue_.size() >= opts_.max_queue)
            return domain::fail(domain::error_kind::too_many, "writer_queue_full",
                                "El servidor está muy ocupado. Intente de nuevo en unos segundos.");
        queue_.push_back({std::move(cmd), std::move(done)});
        // The writer waits either for a first command or, lingering, for a full batch: any
        // other wake-up would only find its condition still false.
        wake = queue_.size() == 1 || queue_.size() == opts_.enough_company ||
               queue_.size() >= opts_.max_batch;
    }
    if (wake)
        wake_.notify_one();
    return {};
}

domain::status writer::run(command cmd) {
    std::promise<domain::status> promise;
    auto future = promise.get_future();
    auto queued = submit(std::move(cmd), [&promise](domain::status s) { promise.set_value(s); });
    if (!queued)
        return queued;
    return future.get();
}

std::size_t writer::queue_depth() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

void writer::set_observer(batch_observer observer) {
    std::lock_guard lock(mutex_);
    observer_ = std::move(observer);
}

void writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
}

void writer::loop() {
    std::deque<job> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return; // stopping and drained
            // Linger briefly so concurrent submitters share the fsync; never past max_batch.
            auto company = std::min(opts_.enough_company, opts_.max_batch);
            bool wait = opts_.max_delay.count() > 0 && (opts_.always_wait || had_company_);
            if (wait && queue_.size() < company && !stopping_)
                wake_.wait_for(lock, opts_.max_delay,
                               [&] { return stopping_ || queue_.size() >= company; });
            while (!queue_.empty() && batch.size() < opts_.max_batch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        had_company_ = batch.size() > 1;
        commit_batch(batch);
        batch.clear();
        checkpointer_->after_batch();
    }
}

void writer::commit_batch(std::deque<job>& batch) {
    auto started = std::chrono::steady_clock::now();
    std::vector<domain::status> outcomes(batch.size());
    auto batch_start = chain_->mark();
    bool committed = false;
    // A copy: e.what() points into the exception, which is gone when its catch block ends.
    std::string commit_error;
    try {
        // Prepared once like the commands' statements: Database::exec compiles its text on
        // every call, three times a commit.
        statements_->get("BEGIN IMMEDIATE").exec();
        // Another connection (a CLI command such as clinic-export) may have appended to a chain
        // since the last batch: then the heads this writer remembers are stale.
        auto& data_version = statements_->get("PRAGMA data_version");
        data_version.executeStep();
        if (auto version = data_version.getColumn(0).getInt64(); version != data_version_) {
            data_version_ = version;
            chain_->forget_heads();
        }
        write_context ctx(*db_, *chain_, utc_now(), statements_.get());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            auto before = chain_->mark();
            ctx.statement("SAVEPOINT cmd").exec();
            try {
                outcomes[i] = batch[i].cmd(ctx);
            } catch (const std::exception& e) {
                outcomes[i] = internal_failure(e.what());
            }
            if (!outcomes[i]) {
                statements_->reset_all();
                ctx.statement("ROLLBACK TO cmd").exec();
                chain_->rollback(before);
            }
            ctx.statement("RELEASE cmd").exec();
        }
        statements_->reset_all();
        statements_->get("COMMIT").exec();
        chain_->committed();
        committed = true;
    } catch (const std::exception& e) {
        commit_error = e.what();
        statements_->reset_all();
        try {
            db_->exec("ROLLBACK");
        } catch (...) {
            // The transaction may already be gone; nothing more to undo.
        }
        chain_->rollback(batch_start);
    }
    auto elapsed = std::chrono::steady_clock::now() - started;
    batch_observer observer;
    {
        std::lock_guard lock(mutex_);
        observer = observer_;
    }
    if (observer)
        observer(batch.size(), std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed));
    for (std::size_t i = 0; i < batch.size(); ++i) {
        domain::status s = committed ? outcomes[i] : internal_failure(commit_error.c_str());
        if (batch[i].done)
            batch[i].done(std::move(s));
    }
    for (auto& fn : after_completions_)
        fn();
    after_completions_.clear();
}

void writer::after_completions(std::function<void()> fn) {
    after_completions_.push_back(std::move(fn));
}

} // namespace asamblea::store
