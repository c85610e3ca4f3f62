#pragma once
/// One load-generator process: holds its share of the voters' and projectors' WebSockets on one
/// io_context with a few threads, and plays the phases the coordinator (its parent) sends it.
///
/// Parent → worker, one line each: a phase (phase_settings.hpp) and `quit`.
/// Worker → parent: `connected OK FAILED`, `progress ACKED ERRORS`, `done NAME` (after writing
/// worker_report_path(…) with its acknowledgements, latencies, projector lags, receipts and the
/// phase's WebSocket traffic). An idle phase sends no ballot: it ends when its window does.

#include "loadgen/assembly_slot.hpp"
#include "loadgen/clock.hpp"
#include "loadgen/phase_settings.hpp"
#include "loadgen/seed_file.hpp"
#include "loadgen/traffic.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace asamblea::loadgen {

class connection;

struct worker_config {
    int index = 0;
    std::vector<std::size_t> assemblies; // indices into seed_data::assemblies
    unsigned threads = 2;
    unsigned source_addresses = 64; // local addresses 127.0.0.2 … spread the 4-tuples
    unsigned max_connecting = 256;  // handshakes in flight at once
    bool echo = false;        // against the echo server: no projectors, no hello, any reply answers
    double ping_seconds = 50; // options::ping_seconds (0: never)
    std::string out_dir;
    std::uint64_t seed = 1;
    int cmd_fd = 0;
    int status_fd = 1;
};

/// The file in which worker `index` leaves what it recorded in a phase.
std::string worker_report_path(const std::string& dir, int index, const std::string& phase);

/// Runs a worker until `quit`; returns the process exit code.
int run_worker(const worker_config& config, const seed_data& seed);

class worker {
public:
    worker(const worker_config& config, const seed_data& seed);

    /// Connects every socket, then plays phases until `quit`; returns the exit code.
    int run();

    // What the connections read and report.
    const worker_config& config() const { return config_; }
    const phase_settings& phase() const { return phase_; }
    clock_type::time_point phase_start() const { return phase_start_; }
    void connect_finished(bool ok);
    void ballot_sent() { ++ballots_sent_; }
    /// A voter changes its mind: the phase waits for one more ballot.
    void expect_second_ballot() { ++outstanding_; }
    void ballot_resolved(bool ok, const std::string& error_code);
    void count_error(const std::string& code);
    /// What the phones' or the projectors' sockets carry, and how many are greeted.
    traffic_counter& traffic(bool projector) {
        return projector ? projector_traffic_ : phone_traffic_;
    }
    /// The server answered a ballot «busy»: it is sent again (not an error).
    void count_shed() { ++shed_; }

private:
    void status(const std::string& line);
    void start_more();
    void command_loop();
    void start_phase(const std::string& line);
    void one_resolved();
    void finish_phase();
    void settle();
    bool projectors_caught_up();
    void write_report();
    void progress_tick();
    void phase_deadline_tick();
    void idle_window();
    nlohmann::json traffic_report() const;

    const worker_config& config_;
    const seed_data& seed_;
    boost::asio::io_context ioc_;
    // A projector is its own device in the room: its socket gets a thread of its own, so what
    // it shows is not timed behind this process's thousands of simulated phones.
    boost::asio::io_context projector_ioc_;
    // the phase in play
    phase_settings phase_;
    clock_type::time_point phase_start_;
    std::atomic<bool> phase_open_{false};
    std::atomic<long> ballots_sent_{0};
    std::atomic<long> shed_{0}; // busy answers in this phase

    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> projector_guard_;
    std::vector<std::unique_ptr<assembly_slot>> slots_;
    std::vector<std::shared_ptr<connection>> conns_;
    std::mutex start_mutex_;
    std::size_t next_start_ = 0;
    std::atomic<long> connected_ok_{0}, connected_failed_{0};
    std::atomic<long> outstanding_{0};
    std::atomic<long> acked_{0};
    std::mutex errors_mutex_;
    std::map<std::string, long> errors_;
    long errors_total_ = 0;
    std::mutex status_mutex_;
    std::unique_ptr<boost::asio::steady_timer> progress_timer_;
    std::atomic<bool> finishing_{false};
    clock_type::time_point settle_until_;
    traffic_counter phone_traffic_, projector_traffic_;
    traffic_count phone_traffic_start_, projector_traffic_start_; // at the phase's start
};

} // namespace asamblea::loadgen
