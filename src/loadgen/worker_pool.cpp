#include "loadgen/worker_pool.hpp"

#include "loadgen/clock.hpp"
#include "loadgen/decimal.hpp"
#include "loadgen/progress_bar.hpp"
#include "loadgen/worker.hpp"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace asamblea::loadgen {
namespace {

// A voter's socket each, and the projector's outside the echo run.
long sockets_of(const seed_assembly& a, bool echo) {
    return static_cast<long>(a.codes.size()) + (echo ? 0 : 1);
}

} // namespace

rlim_t raise_fd_limit() {
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
    getrlimit(RLIMIT_NOFILE, &r);
    return r.rlim_cur;
}

std::vector<std::vector<std::size_t>> split_assemblies(const seed_data& seed, bool echo,
                                                       rlim_t fd_limit, unsigned min_procs) {
    long total_conns = 0;
    for (const auto& a : seed.assemblies)
        total_conns += sockets_of(a, echo);
    long capacity = static_cast<long>(fd_limit) - 200;
    unsigned procs = std::max<unsigned>(
        min_procs, static_cast<unsigned>((total_conns + capacity - 1) / capacity));
    procs = std::max(1U, std::min<unsigned>(procs, static_cast<unsigned>(seed.assemblies.size())));
    std::vector<std::vector<std::size_t>> slices(procs);
    long per = (total_conns + procs - 1) / procs, acc = 0;
    std::size_t k = 0;
    for (std::size_t i = 0; i < seed.assemblies.size(); ++i) {
        long c = sockets_of(seed.assemblies[i], echo);
        if (acc + c > per && !slices[k].empty() && k + 1 < procs) {
            ++k;
            acc = 0;
        }
        slices[k].push_back(i);
        acc += c;
    }
    return slices;
}

worker_pool::worker_pool(const options& o, const seed_data& seed,
                         std::vector<std::vector<std::size_t>> slices)
    : slices_(std::move(slices)), links_(slices_.size()) {
    // What is buffered now would be written again by every child.
    std::cout.flush();
    std::cerr.flush();
    for (std::size_t k = 0; k < links_.size(); ++k)
        spawn(o, seed, k);
}

worker_pool::~worker_pool() {
    for (auto& w : links_)
        close_pipes(w);
}

void worker_pool::spawn(const options& o, const seed_data& seed, std::size_t k) {
    int cmd[2], st[2];
    if (pipe(cmd) != 0 || pipe(st) != 0)
        throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::close(cmd[1]);
        ::close(st[0]);
        for (std::size_t j = 0; j < k; ++j) {
            ::close(links_[j].cmd_fd);
            ::close(links_[j].status_fd);
        }
        worker_config wc;
        wc.index = static_cast<int>(k);
        wc.assemblies = slices_[k];
        wc.threads = o.threads;
        wc.source_addresses = o.source_addresses;
        wc.max_connecting = o.max_connecting;
        wc.echo = o.echo();
        wc.ping_seconds = o.echo() ? 0 : o.ping_seconds;
        wc.out_dir = o.work_dir;
        wc.seed = o.seed + k;
        wc.cmd_fd = cmd[0];
        wc.status_fd = st[1];
        std::_Exit(run_worker(wc, seed));
    }
    ::close(cmd[0]);
    ::close(st[1]);
    auto& w = links_[k];
    w.pid = pid;
    w.cmd_fd = cmd[1];
    w.status_fd = st[0];
    for (auto i : slices_[k]) {
        w.voters += static_cast<long>(seed.assemblies[i].codes.size());
        w.conns += sockets_of(seed.assemblies[i], o.echo());
    }
}

std::vector<int> worker_pool::pids() const {
    std::vector<int> out;
    for (const auto& w : links_)
        out.push_back(w.pid);
    return out;
}

long worker_pool::voters() const {
    long n = 0;
    for (const auto& w : links_)
        n += w.voters;
    return n;
}

connect_outcome worker_pool::wait_connected(bool progress) {
    connect_outcome out;
    for (const auto& w : links_)
        out.target += w.conns;
    auto t_connect = clock_type::now();
    progress_bar bar(progress, "conexiones");
    for (;;) {
        pump(100);
        bool all = true;
        long ok = 0, failed = 0;
        for (const auto& w : links_) {
            all = all && (w.connected || w.eof);
            ok += w.conn_ok;
            failed += w.conn_failed;
        }
        bar.draw(ok + failed, out.target,
                 decimal(seconds_since(t_connect), 0) + " s, " + std::to_string(failed) +
                     " fallidas");
        if (all)
            break;
    }
    bar.finish();
    out.seconds = seconds_since(t_connect);
    for (const auto& w : links_) {
        out.held += w.conn_ok;
        out.failed += w.conn_failed;
    }
    return out;
}

void worker_pool::begin_phase(const phase_settings& phase) {
    for (std::size_t k = 0; k < links_.size(); ++k)
        send(links_[k], phase_command(phase, slices_[k]));
}

void worker_pool::send(const link& w, const std::string& line) {
    std::string l = line + "\n";
    std::size_t off = 0;
    while (off < l.size()) {
        auto n = ::write(w.cmd_fd, l.data() + off, l.size() - off);
        if (n <= 0)
            return;
        off += static_cast<std::size_t>(n);
    }
}

void worker_pool::pump(int ms) {
    std::vector<pollfd> fds;
    for (const auto& w : links_)
        fds.push_back({w.eof ? -1 : w.status_fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), ms) <= 0)
        return;
    for (std::size_t i = 0; i < links_.size(); ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP)))
            continue;
        auto& w = links_[i];
        char buf[4096];
        auto n = ::read(w.status_fd, buf, sizeof buf);
        if (n <= 0) {
            w.eof = true;
            continue;
        }
        w.pending.append(buf, static_cast<std::size_t>(n));
        std::size_t nl;
        while ((nl = w.pending.find('\n')) != std::string::npos) {
            std::istringstream line(w.pending.substr(0, nl));
            w.pending.erase(0, nl + 1);
            std::string kind;
            line >> kind;
            if (kind == "connected") {
                line >> w.conn_ok >> w.conn_failed;
                w.connected = true;
            } else if (kind == "progress") {
                line >> w.acked >> w.errors;
            } else if (kind == "done") {
                std::string name;
                line >> name;
                w.done.insert(name);
            }
        }
    }
}

long worker_pool::acked() const {
    long n = 0;
    for (const auto& w : links_)
        n += w.acked;
    return n;
}

long worker_pool::errors() const {
    long n = 0;
    for (const auto& w : links_)
        n += w.errors;
    return n;
}

bool worker_pool::all_done(const std::string& phase) const {
    for (const auto& w : links_)
        if (!w.done.count(phase) && !w.eof)
            return false;
    return true;
}

void worker_pool::quit() {
    for (const auto& w : links_)
        send(w, "quit");
    for (auto& w : links_) {
        int status = 0;
        waitpid(w.pid, &status, 0);
        close_pipes(w);
    }
}

void worker_pool::close_pipes(link& w) {
    if (w.cmd_fd >= 0)
        ::close(w.cmd_fd);
    if (w.status_fd >= 0)
        ::close(w.status_fd);
    w.cmd_fd = w.status_fd = -1;
}

} // namespace asamblea::loadgen
