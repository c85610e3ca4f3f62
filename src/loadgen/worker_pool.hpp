#pragma once
/// The coordinator's worker processes: each is forked with a slice of the assemblies, small enough
/// for its own descriptor limit, takes commands on one pipe and reports on another (worker.hpp).

#include "loadgen/options.hpp"
#include "loadgen/phase_settings.hpp"
#include "loadgen/seed_file.hpp"

#include <sys/resource.h>

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace asamblea::loadgen {

/// Raises this process's descriptor limit to the hard limit (the workers inherit it); returns it.
rlim_t raise_fd_limit();

/// Splits the assemblies, in order, over at least `min_procs` processes and as many as keep each
/// under `fd_limit` sockets (less a margin), but no more than there are assemblies.
std::vector<std::vector<std::size_t>> split_assemblies(const seed_data& seed, bool echo,
                                                       rlim_t fd_limit, unsigned min_procs);

struct connect_outcome {
    long target = 0; // sockets the run should hold
    long held = 0;
    long failed = 0;
    double seconds = 0;
};

class worker_pool {
public:
    /// Forks one worker per slice; they start connecting at once.
    worker_pool(const options& o, const seed_data& seed,
                std::vector<std::vector<std::size_t>> slices);
    /// Closes the pipes still open: a worker reads the end of its commands as `quit`.
    ~worker_pool();
    worker_pool(const worker_pool&) = delete;
    worker_pool& operator=(const worker_pool&) = delete;

    std::size_t size() const { return links_.size(); }
    /// The assemblies of worker k, as indices into seed_data::assemblies.
    const std::vector<std::size_t>& slice(std::size_t k) const { return slices_[k]; }
    long voters() const;
    /// The worker processes, for their CPU time (read_procs).
    std::vector<int> pids() const;

    /// Waits until every worker has said how many sockets it holds (or died).
    connect_outcome wait_connected(bool progress);

    /// Tells every worker to play `phase`.
    void begin_phase(const phase_settings& phase);
    /// Reads whatever the workers said within `ms`.
    void pump(int ms);
    /// Ballots acknowledged and errors so far in the phase, over every worker.
    long acked() const;
    long errors() const;
    /// Whether every worker has finished `phase` (or died).
    bool all_done(const std::string& phase) const;

    /// Tells the workers to quit and waits for them to exit.
    void quit();

private:
    struct link {
        int pid = 0;
        int cmd_fd = -1;
        int status_fd = -1;
        std::string pending; // a status line not yet complete
        long conns = 0;
        long voters = 0;
        bool connected = false;
        long conn_ok = 0, conn_failed = 0;
        long acked = 0, errors = 0;
        std::set<std::string> done;
        bool eof = false;
    };

    void spawn(const options& o, const seed_data& seed, std::size_t k);
    static void send(const link& w, const std::string& line);
    static void close_pipes(link& w);

    std::vector<std::vector<std::size_t>> slices_;
    std::vector<link> links_;
};

} // namespace asamblea::loadgen
