// asamblea_loadgen: the national-Saturday scenario against real servers, over real WebSockets.
// The parent process is the coordinator (REST: rounds, live results, close, reveal, checks); it
// forks worker processes that hold the sockets (each process has its own descriptor limit).

#include "loadgen/rest_client.hpp"
#include "loadgen/seed_file.hpp"
#include "loadgen/stats.hpp"
#include "loadgen/worker.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace asamblea::loadgen;
using nlohmann::json;
using clock_type = std::chrono::steady_clock;

namespace {

struct options {
    std::vector<std::string> targets; // PORT=SEEDFILE
    std::vector<int> server_pids;
    double steady_seconds = 60;
    int change_percent = 10;
    bool burst = true;
    unsigned threads = 2;
    unsigned procs = 0;
    unsigned source_addresses = 64;
    unsigned max_connecting = 256;
    unsigned rest_threads = 8;
    std::string work_dir = "/tmp";
    std::string report;
    std::string timeline;
    std::string label = "scenario";
    std::string baseline_sqlite;
    std::string baseline_echo;
    unsigned short echo_port = 0;
    long echo_connections = 1000;
    int echo_rounds = 3;
    double echo_steady_seconds = 10; // a spread-out phase first, for latency at the steady rate
    bool progress = true;
    std::uint64_t seed = 20260221;
};

// ---- workers ----------------------------------------------------------------------------------

struct worker_link {
    int pid = 0;
    int cmd_fd = -1;
    int status_fd = -1;
    std::string pending;
    long conns = 0;
    long voters = 0;
    bool connected = false;
    long conn_ok = 0, conn_failed = 0;
    long acked = 0, errors = 0;
    std::set<std::string> done;
    bool eof = false;
};

void send_line(worker_link& w, const std::string& line) {
    std::string l = line + "\n";
    std::size_t off = 0;
    while (off < l.size()) {
        auto n = ::write(w.cmd_fd, l.data() + off, l.size() - off);
        if (n <= 0)
            return;
        off += static_cast<std::size_t>(n);
    }
}

// Reads whatever the workers said within `ms`.
void pump(std::vector<worker_link>& ws, int ms) {
    std::vector<pollfd> fds;
    for (auto& w : ws)
        fds.push_back({w.eof ? -1 : w.status_fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), ms) <= 0)
        return;
    for (std::size_t i = 0; i < ws.size(); ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP)))
            continue;
        char buf[4096];
        auto n = ::read(ws[i].status_fd, buf, sizeof buf);
        if (n <= 0) {
            ws[i].eof = true;
            continue;
        }
        ws[i].pending.append(buf, static_cast<std::size_t>(n));
        std::size_t nl;
        while ((nl = ws[i].pending.find('\n')) != std::string::npos) {
            std::istringstream line(ws[i].pending.substr(0, nl));
            ws[i].pending.erase(0, nl + 1);
            std::string kind;
            line >> kind;
            if (kind == "connected") {
                line >> ws[i].conn_ok >> ws[i].conn_failed;
                ws[i].connected = true;
            } else if (kind == "progress") {
                line >> ws[i].acked >> ws[i].errors;
            } else if (kind == "done") {
                std::string name;
                line >> name;
                ws[i].done.insert(name);
            }
        }
    }
}

class progress_bar {
public:
    progress_bar(bool on, std::string label) : on_(on), label_(std::move(label)) {}
    void draw(long done, long total, const std::string& extra) {
        if (!on_)
            return;
        auto now = clock_type::now();
        if (now - last_ < std::chrono::milliseconds(200) && done < total)
            return;
        last_ = now;
        int pct = total > 0 ? static_cast<int>(std::min<long>(100, done * 100 / total)) : 100;
        int filled = pct * 30 / 100;
        std::fprintf(stderr, "\r%-12s [%s%s] %3d%% %ld/%ld %s\033[K", label_.c_str(),
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(30 - filled), '.').c_str(), pct, done,
                     total, extra.c_str());
    }
    void finish() {
        if (on_)
            std::fprintf(stderr, "\n");
    }

private:
    bool on_;
    std::string label_;
    clock_type::time_point last_{};
};

std::string fmt(double v, int decimals = 1) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

// ---- REST helpers -----------------------------------------------------------------------------

// Runs fn(clients, i) for every i in [0, n) on `threads` threads, each with its own connections.
template <class Fn>
void parallel_for(const seed_data& seed, const std::vector<std::string>& tokens, std::size_t n,
                  unsigned threads, Fn fn) {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    std::mutex error_mutex;
    std::string first_error;
    for (unsigned t = 0; t < std::max(1U, threads); ++t)
        pool.emplace_back([&] {
            std::deque<rest_client> clients;
            for (std::size_t k = 0; k < seed.targets.size(); ++k) {
                clients.emplace_back(seed.targets[k].host, seed.targets[k].port);
                clients.back().set_token(tokens[k]);
            }
            for (std::size_t i; (i = next++) < n;) {
                try {
                    fn(clients, i);
                } catch (const std::exception& e) {
                    std::lock_guard lock(error_mutex);
                    if (first_error.empty())
                        first_error = e.what();
                }
            }
        });
    for (auto& t : pool)
        t.join();
    if (!first_error.empty())
        throw std::runtime_error(first_error);
}

std::string round_base(const seed_assembly& a, std::int64_t id) {
    return "/api/c/" + a.clues + "/rounds/" + std::to_string(id);
}

void expect(const rest_reply& r, unsigned status, const std::string& what) {
    if (r.status != status)
        throw std::runtime_error(what + ": HTTP " + std::to_string(r.status) + " " + r.body.dump());
}

// Creates a budget round of every accepted proposal (at most 3 choices) with live results on.
std::vector<std::int64_t> create_rounds(const seed_data& seed,
                                        const std::vector<std::string>& tokens, unsigned threads,
                                        const std::string& title) {
    std::vector<std::int64_t> ids(seed.assemblies.size());
    parallel_for(seed, tokens, ids.size(), threads,
                 [&](std::deque<rest_client>& clients, std::size_t i) {
                     const auto& a = seed.assemblies[i];
                     auto& c = clients[a.target];
                     auto r = c.call("POST", "/api/c/" + a.clues + "/rounds",
                                     {{"kind", "budget"}, {"title", title}, {"max_choices", 3}});
                     expect(r, 201, "create round in " + a.clues);
                     ids[i] = r.body["id"];
                     expect(c.call("POST", round_base(a, ids[i]) + "/live", {{"enabled", true}}),
                            200, "live results in " + a.clues);
                 });
    return ids;
}

// ---- one phase --------------------------------------------------------------------------------

struct phase_outcome {
    std::string name;
    clock_type::time_point t0; // when the workers were told to start
    double seconds = 0;        // from the command to the last worker's done
    double open_seconds = 0;   // opening every round over REST
    double close_seconds = 0;  // closing, revealing and fetching every ballot list
    long sent = 0, acked = 0;
    std::map<std::string, long> errors;
    std::vector<double> ack_t, latency, lag;
    long never_shown = 0;
    proc_sample cpu_before, cpu_after;
    // checks
    long rounds_checked = 0, tally_mismatches = 0, missing_receipts = 0, extra_receipts = 0,
         duplicate_receipts = 0, choice_mismatches = 0, counted = 0, expected_counted = 0;
};

long total_errors(const std::map<std::string, long>& e) {
    long n = 0;
    for (const auto& [k, v] : e)
        n += v;
    return n;
}

phase_outcome run_phase(const options& o, const seed_data& seed,
                        const std::vector<std::string>& tokens, std::vector<worker_link>& ws,
                        const std::vector<std::vector<std::size_t>>& slices,
                        const std::string& name, bool spread, double window_ms, int permille,
                        const std::vector<std::int64_t>& rounds, bool echo) {
    phase_outcome out;
    out.name = name;
    auto t_open = clock_type::now();
    if (!echo)
        parallel_for(seed, tokens, rounds.size(), o.rest_threads,
                     [&](std::deque<rest_client>& clients, std::size_t i) {
                         const auto& a = seed.assemblies[i];
                         expect(clients[a.target].call("POST", round_base(a, rounds[i]) + "/open",
                                                       json::object()),
                                200, "open round in " + a.clues);
                     });
    out.open_seconds = std::chrono::duration<double>(clock_type::now() - t_open).count();
    out.cpu_before = read_procs(o.server_pids);
    auto t0 = clock_type::now();
    out.t0 = t0;
    long voters = 0;
    for (std::size_t k = 0; k < ws.size(); ++k) {
        std::string ids;
        for (auto i : slices[k])
            ids += (ids.empty() ? "" : ",") + std::to_string(rounds.empty() ? 0 : rounds[i]);
        if (ids.empty())
            ids = "0";
        send_line(ws[k], "phase " + name + " " + (spread ? "spread" : "burst") + " " +
                             fmt(window_ms, 0) + " " + std::to_string(permille) + " " + ids);
        voters += ws[k].voters;
    }
    long expected = voters + voters * permille / 1000;
    progress_bar bar(o.progress, name);
    for (;;) {
        pump(ws, 100);
        long acked = 0, errors = 0;
        bool all = true;
        for (auto& w : ws) {
            acked += w.acked;
            errors += w.errors;
            all = all && (w.done.count(name) || w.eof);
        }
        double elapsed = std::chrono::duration<double>(clock_type::now() - t0).count();
        bar.draw(acked, expected, fmt(elapsed, 0) + " s, " + std::to_string(errors) + " errores");
        if (all)
            break;
    }
    bar.finish();
    out.seconds = std::chrono::duration<double>(clock_type::now() - t0).count();
    out.cpu_after = read_procs(o.server_pids);

    // Merge what the workers recorded.
    std::vector<json> finals(seed.assemblies.size());
    for (std::size_t k = 0; k < ws.size(); ++k) {
        std::ifstream in(o.work_dir + "/worker-" + std::to_string(k) + "-" + name + ".json");
        if (!in) {
            ++out.errors["worker_report_missing"];
            continue;
        }
        auto r = json::parse(in);
        out.sent += r["ballots_sent"].get<long>();
        out.acked += r["acked"].get<long>();
        for (auto& [code, n] : r["errors"].items())
            out.errors[code] += n.get<long>();
        const auto& acks = r["acks"];
        for (std::size_t i = 0; i + 1 < acks.size(); i += 2) {
            out.ack_t.push_back(acks[i].get<double>());
            out.latency.push_back(acks[i + 1].get<double>());
        }
        for (const auto& l : r["lag_ms"])
            out.lag.push_back(l.get<double>());
        out.never_shown += r["never_shown"].get<long>();
        for (std::size_t j = 0; j < slices[k].size() && j < r["assemblies"].size(); ++j)
            finals[slices[k][j]] = r["assemblies"][j]["final"];
    }
    if (echo)
        return out;

    // Close every round, reveal, and check the stored ballots and the tally against our count.
    auto t_close = clock_type::now();
    std::mutex m;
    parallel_for(seed, tokens, rounds.size(), o.rest_threads,
                 [&](std::deque<rest_client>& clients, std::size_t i) {
                     const auto& a = seed.assemblies[i];
                     auto& c = clients[a.target];
                     auto base = round_base(a, rounds[i]);
                     expect(c.call("POST", base + "/close", json::object()), 200,
                            "close in " + a.clues);
                     auto revealed = c.call("POST", base + "/reveal", json::object());
                     expect(revealed, 200, "reveal in " + a.clues);
                     auto list = c.call("GET", base + "/ballots");
                     expect(list, 200, "ballots of " + a.clues);
                     std::map<std::string, std::vector<std::string>> mine;
                     std::map<std::string, long> votes;
                     for (const auto& f : finals[i]) {
                         auto choices = f[1].get<std::vector<std::string>>();
                         std::sort(choices.begin(), choices.end());
                         for (const auto& id : choices)
                             ++votes[id];
                         mine[f[0].get<std::string>()] = choices;
                     }
                     long missing = 0, extra = 0, dup = 0, wrong = 0, tally_bad = 0;
                     std::set<std::string> seen;
                     for (const auto& item : list.body["items"]) {
                         std::string receipt = item["receipt"];
                         if (!seen.insert(receipt).second)
                             ++dup;
                         auto it = mine.find(receipt);
                         if (it == mine.end()) {
                             ++extra;
                             continue;
                         }
                         auto choices = item["choices"].get<std::vector<std::string>>();
                         std::sort(choices.begin(), choices.end());
                         if (choices != it->second)
                             ++wrong;
                     }
                     for (const auto& [receipt, c2] : mine)
                         if (!seen.count(receipt))
                             ++missing;
                     const auto& lines = revealed.body["results"]["lines"];
                     for (const auto& line : lines) {
                         std::string id = line["id"];
                         if (line["votes"].get<long>() != (votes.count(id) ? votes[id] : 0))
                             ++tally_bad;
                     }
                     if (revealed.body["ballots"].get<long>() != static_cast<long>(mine.size()))
                         ++tally_bad;
                     std::lock_guard lock(m);
                     ++out.rounds_checked;
                     out.missing_receipts += missing;
                     out.extra_receipts += extra;
                     out.duplicate_receipts += dup;
                     out.choice_mismatches += wrong;
                     out.tally_mismatches += tally_bad;
                     out.counted += static_cast<long>(list.body["items"].size());
                     out.expected_counted += static_cast<long>(mine.size());
                 });
    out.close_seconds = std::chrono::duration<double>(clock_type::now() - t_close).count();
    return out;
}

json summary(const std::vector<double>& v) {
    if (v.empty())
        return {{"n", 0}, {"p50", nullptr}, {"p99", nullptr}, {"max", nullptr}};
    return {{"n", v.size()},
            {"p50", percentile(v, 0.50)},
            {"p99", percentile(v, 0.99)},
            {"max", *std::max_element(v.begin(), v.end())}};
}

json phase_json(const phase_outcome& p, bool echo) {
    double last = p.ack_t.empty() ? 0 : *std::max_element(p.ack_t.begin(), p.ack_t.end()) / 1000;
    json j = {{"seconds", p.seconds},
              {"open_rounds_seconds", p.open_seconds},
              {"ballots_sent", p.sent},
              {"acknowledged", p.acked},
              {"errors", total_errors(p.errors)},
              {"error_codes", p.errors},
              {"ack_ms", summary(p.latency)},
              {"last_ack_s", last},
              {"acks_per_s", last > 0 ? static_cast<double>(p.acked) / last : 0.0},
              {"server_cpu_s", p.cpu_after.cpu_s - p.cpu_before.cpu_s}};
    if (!echo) {
        j["projector_lag_ms"] = summary(p.lag);
        j["projector_never_showed"] = p.never_shown;
        j["close_rounds_seconds"] = p.close_seconds;
        j["verify"] = {{"rounds_checked", p.rounds_checked},
                       {"counted_in_db", p.counted},
                       {"expected_counted", p.expected_counted},
                       {"missing_receipts", p.missing_receipts},
                       {"unexpected_receipts", p.extra_receipts},
                       {"duplicate_receipts", p.duplicate_receipts},
                       {"choice_mismatches", p.choice_mismatches},
                       {"tally_mismatches", p.tally_mismatches},
                       {"ok", p.missing_receipts + p.extra_receipts + p.duplicate_receipts +
                                      p.choice_mismatches + p.tally_mismatches ==
                                  0}};
    }
    return j;
}

json read_json_file(const std::string& path) {
    if (path.empty())
        return nullptr;
    std::ifstream in(path);
    if (!in)
        return nullptr;
    return json::parse(in, nullptr, false);
}

rlim_t raise_fd_limit() {
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
    getrlimit(RLIMIT_NOFILE, &r);
    return r.rlim_cur;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    CLI::App app{"asamblea_loadgen: the national-Saturday scenario over real WebSockets"};
    app.add_option("--target", o.targets, "PORT=SEEDFILE of one server (repeat for shards)");
    app.add_option("--server-pid", o.server_pids, "Server process to measure (repeatable)");
    app.add_option("--steady-seconds", o.steady_seconds, "Window of the steady phase")
        ->capture_default_str();
    app.add_option("--change-percent", o.change_percent, "Voters who change their ballot once")
        ->capture_default_str();
    app.add_flag("!--no-burst", o.burst, "Skip the burst phase");
    app.add_option("--threads", o.threads, "io threads per worker process")->capture_default_str();
    app.add_option("--procs", o.procs, "Worker processes (0: as the descriptor limit needs)")
        ->capture_default_str();
    app.add_option("--source-addresses", o.source_addresses,
                   "Local addresses 127.0.0.2… to spread connections over")
        ->capture_default_str();
    app.add_option("--max-connecting", o.max_connecting, "Handshakes in flight per worker")
        ->capture_default_str();
    app.add_option("--rest-threads", o.rest_threads, "Parallel REST calls of the coordinator")
        ->capture_default_str();
    app.add_option("--work-dir", o.work_dir, "Folder for the workers' files")
        ->capture_default_str();
    app.add_option("--report", o.report, "Write the report (JSON) here");
    app.add_option("--timeline", o.timeline, "Write acks/s and latency per second here (gnuplot)");
    app.add_option("--label", o.label, "Name of this run in the report")->capture_default_str();
    app.add_option("--baseline-sqlite", o.baseline_sqlite, "Report of bench_sqlite_baseline");
    app.add_option("--baseline-echo", o.baseline_echo, "Report of an --echo-port run");
    app.add_option("--echo-port", o.echo_port, "Measure the echo server on this port instead");
    app.add_option("--echo-connections", o.echo_connections, "Sockets for the echo run")
        ->capture_default_str();
    app.add_option("--echo-rounds", o.echo_rounds, "Bursts in the echo run")->capture_default_str();
    app.add_option("--echo-steady-seconds", o.echo_steady_seconds,
                   "Window of the echo run's spread-out phase (0: none)")
        ->capture_default_str();
    app.add_option("--seed", o.seed, "Random seed")->capture_default_str();
    bool quiet = false;
    app.add_flag("--quiet", quiet, "No progress bar");
    CLI11_PARSE(app, argc, argv);
    o.progress = !quiet;
    bool echo = o.echo_port != 0;

    try {
        rlim_t fd_limit = raise_fd_limit();
        seed_data seed;
        if (echo) {
            seed.targets.push_back({"127.0.0.1", o.echo_port, "", ""});
            for (long n = 0; n < o.echo_connections; n += 150) {
                seed_assembly a;
                a.clues = "ECHO" + std::to_string(n);
                a.proposals = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};
                a.codes.assign(static_cast<std::size_t>(std::min(150L, o.echo_connections - n)),
                               "ECHOECHO");
                seed.assemblies.push_back(std::move(a));
            }
        }
        for (const auto& t : o.targets) {
            auto eq = t.find('=');
            if (eq == std::string::npos)
                throw std::runtime_error("--target wants PORT=SEEDFILE, not " + t);
            load_seed(seed, t.substr(eq + 1), "127.0.0.1",
                      static_cast<unsigned short>(std::stoi(t.substr(0, eq))));
        }
        if (seed.assemblies.empty())
            throw std::runtime_error("nothing to do: give --target PORT=SEEDFILE or --echo-port");

        std::vector<std::string> tokens(seed.targets.size());
        std::vector<std::int64_t> round1;
        if (!echo) {
            for (std::size_t k = 0; k < seed.targets.size(); ++k) {
                rest_client c(seed.targets[k].host, seed.targets[k].port);
                c.login(seed.targets[k].user, seed.targets[k].password);
                tokens[k] = c.token();
            }
            round1 = create_rounds(seed, tokens, o.rest_threads, "Presupuesto (carga, ronda 1)");
        }

        // Split assemblies over worker processes so each stays under the descriptor limit.
        long total_conns = 0, total_voters = 0;
        for (const auto& a : seed.assemblies) {
            total_voters += static_cast<long>(a.codes.size());
            total_conns += static_cast<long>(a.codes.size()) + (echo ? 0 : 1);
        }
        long capacity = static_cast<long>(fd_limit) - 200;
        unsigned procs = std::max<unsigned>(
            o.procs, static_cast<unsigned>((total_conns + capacity - 1) / capacity));
        procs =
            std::max(1U, std::min<unsigned>(procs, static_cast<unsigned>(seed.assemblies.size())));
        std::vector<std::vector<std::size_t>> slices(procs);
        {
            long per = (total_conns + procs - 1) / procs, acc = 0;
            std::size_t k = 0;
            for (std::size_t i = 0; i < seed.assemblies.size(); ++i) {
                long c = static_cast<long>(seed.assemblies[i].codes.size()) + (echo ? 0 : 1);
                if (acc + c > per && !slices[k].empty() && k + 1 < procs) {
                    ++k;
                    acc = 0;
                }
                slices[k].push_back(i);
                acc += c;
            }
        }
        auto before_connect = read_procs(o.server_pids);
        double load_before = 0;
        getloadavg(&load_before, 1);
        std::vector<worker_link> ws(procs);
        std::cout.flush();
        std::cerr.flush();
        for (unsigned k = 0; k < procs; ++k) {
            int cmd[2], st[2];
            if (pipe(cmd) != 0 || pipe(st) != 0)
                throw std::runtime_error("pipe failed");
            pid_t pid = fork();
            if (pid < 0)
                throw std::runtime_error("fork failed");
            if (pid == 0) {
                ::close(cmd[1]);
                ::close(st[0]);
                for (unsigned j = 0; j < k; ++j) {
                    ::close(ws[j].cmd_fd);
                    ::close(ws[j].status_fd);
                }
                worker_config wc;
                wc.index = static_cast<int>(k);
                wc.assemblies = slices[k];
                wc.threads = o.threads;
                wc.source_addresses = o.source_addresses;
                wc.max_connecting = o.max_connecting;
                wc.echo = echo;
                wc.projectors = !echo;
                wc.out_dir = o.work_dir;
                wc.seed = o.seed + k;
                wc.cmd_fd = cmd[0];
                wc.status_fd = st[1];
                std::_Exit(run_worker(wc, seed));
            }
            ::close(cmd[0]);
            ::close(st[1]);
            ws[k].pid = pid;
            ws[k].cmd_fd = cmd[1];
            ws[k].status_fd = st[0];
            for (auto i : slices[k]) {
                ws[k].voters += static_cast<long>(seed.assemblies[i].codes.size());
                ws[k].conns += static_cast<long>(seed.assemblies[i].codes.size()) + (echo ? 0 : 1);
            }
        }

        // Everyone connects and says hello.
        auto t_connect = clock_type::now();
        {
            progress_bar bar(o.progress, "conexiones");
            for (;;) {
                pump(ws, 100);
                bool all = true;
                long ok = 0, failed = 0;
                for (auto& w : ws) {
                    all = all && (w.connected || w.eof);
                    ok += w.conn_ok;
                    failed += w.conn_failed;
                }
                double elapsed =
                    std::chrono::duration<double>(clock_type::now() - t_connect).count();
                bar.draw(ok + failed, total_conns,
                         fmt(elapsed, 0) + " s, " + std::to_string(failed) + " fallidas");
                if (all)
                    break;
            }
            bar.finish();
        }
        double connect_seconds =
            std::chrono::duration<double>(clock_type::now() - t_connect).count();
        long held = 0, failed = 0;
        for (auto& w : ws) {
            held += w.conn_ok;
            failed += w.conn_failed;
        }
        // Let the server settle its buffers before measuring memory per connection.
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        auto after_connect = read_procs(o.server_pids);

        std::vector<phase_outcome> phases;
        if (echo) {
            if (o.echo_steady_seconds > 0)
                phases.push_back(run_phase(o, seed, tokens, ws, slices, "echo-steady", true,
                                           o.echo_steady_seconds * 1000, 0, {}, true));
            for (int r = 1; r <= o.echo_rounds; ++r) {
                phases.push_back(run_phase(o, seed, tokens, ws, slices, "echo" + std::to_string(r),
                                           false, 0, 0, {}, true));
            }
        } else {
            phases.push_back(run_phase(o, seed, tokens, ws, slices, "steady", true,
                                       o.steady_seconds * 1000, o.change_percent * 10, round1,
                                       false));
            if (o.burst) {
                auto round2 =
                    create_rounds(seed, tokens, o.rest_threads, "Presupuesto (carga, ronda 2)");
                phases.push_back(
                    run_phase(o, seed, tokens, ws, slices, "burst", false, 0, 0, round2, false));
            }
        }
        std::vector<double> offsets;
        for (const auto& p : phases)
            offsets.push_back(std::chrono::duration<double>(p.t0 - phases.front().t0).count());
        // Sockets still held at the end: workers count losses as errors.
        auto at_end = read_procs(o.server_pids);
        for (auto& w : ws)
            send_line(w, "quit");
        for (auto& w : ws) {
            int status = 0;
            waitpid(w.pid, &status, 0);
            ::close(w.cmd_fd);
            ::close(w.status_fd);
        }
        rusage children{};
        getrusage(RUSAGE_CHILDREN, &children);
        double loadgen_cpu =
            static_cast<double>(children.ru_utime.tv_sec + children.ru_stime.tv_sec) +
            static_cast<double>(children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6;
        double load_after = 0;
        getloadavg(&load_after, 1);

        // ---- report ----
        json report;
        report["label"] = o.label;
        report["mode"] = echo ? "echo" : "scenario";
        report["scenario"] = {{"assemblies", seed.assemblies.size()},
                              {"voters", total_voters},
                              {"projectors", echo ? 0 : seed.assemblies.size()},
                              {"servers", seed.targets.size()},
                              {"steady_seconds", o.steady_seconds},
                              {"change_percent", o.change_percent},
                              {"worker_processes", procs},
                              {"threads_per_worker", o.threads},
                              {"fd_limit_per_process", static_cast<long>(fd_limit)}};
        report["machine"] = {{"cores", std::thread::hardware_concurrency()},
                             {"loadavg_1m_before", load_before},
                             {"loadavg_1m_after", load_after},
                             {"loadgen_cpu_s", loadgen_cpu}};
        report["connections"] = {{"target", total_conns},
                                 {"held", held},
                                 {"failed", failed},
                                 {"connect_seconds", connect_seconds}};
        long all_errors = failed;
        long all_acked = 0;
        bool verified = true;
        json phase_reports = json::object();
        for (auto& p : phases) {
            phase_reports[p.name] = phase_json(p, echo);
            all_errors += total_errors(p.errors);
            all_acked += p.acked;
            if (!echo)
                verified = verified && phase_reports[p.name]["verify"]["ok"].get<bool>();
        }
        report["phases"] = phase_reports;
        if (echo) {
            // Bursts give the message rate and their round trip; the spread-out phase the round
            // trip at a steady rate, to hold the steady acknowledgements against.
            std::vector<double> rtt, steady_rtt;
            double best = 0;
            for (auto& p : phases) {
                if (p.name == "echo-steady") {
                    steady_rtt = p.latency;
                    continue;
                }
                rtt.insert(rtt.end(), p.latency.begin(), p.latency.end());
                best = std::max(best, phase_reports[p.name]["acks_per_s"].get<double>());
            }
            report["echo"] = {{"connections", held},
                              {"msgs_per_s", best},
                              {"rtt_ms", summary(rtt)},
                              {"steady_window_s", o.echo_steady_seconds},
                              {"steady_rtt_ms", summary(steady_rtt)}};
        }
        if (!o.server_pids.empty()) {
            double cpu_ballots = 0;
            for (auto& p : phases)
                cpu_ballots += p.cpu_after.cpu_s - p.cpu_before.cpu_s;
            report["server"] = {
                {"processes", o.server_pids.size()},
                {"rss_mib_before_connect", before_connect.rss_mib},
                {"rss_mib_after_connect", after_connect.rss_mib},
                {"rss_mib_at_end", at_end.rss_mib},
                {"peak_rss_mib", at_end.peak_mib},
                {"memory_kib_per_connection",
                 held > 0 ? (after_connect.rss_mib - before_connect.rss_mib) * 1024 /
                                static_cast<double>(held)
                          : 0.0},
                {"cpu_s_connect", after_connect.cpu_s - before_connect.cpu_s},
                {"cpu_s_voting", cpu_ballots},
                {"cpu_s_per_1000_ballots",
                 all_acked > 0 ? cpu_ballots * 1000 / static_cast<double>(all_acked) : 0.0}};
        }
        report["errors"] = all_errors;
        report["verified"] = echo ? true : verified;

        if (!echo) {
            auto sq = read_json_file(o.baseline_sqlite);
            auto ec = read_json_file(o.baseline_echo);
            json base = json::object();
            json ratios = json::object();
            const auto& steady = phase_reports["steady"];
            double burst_rate = phase_reports.contains("burst")
                                    ? phase_reports["burst"]["acks_per_s"].get<double>()
                                    : 0.0;
            if (sq.is_object()) {
                base["sqlite"] = sq;
                double rows = sq.value("rows_per_s", 0.0);
                if (rows > 0)
                    ratios["burst_vs_sqlite"] = burst_rate / rows;
            }
            if (ec.is_object() && ec.contains("echo")) {
                base["echo"] = ec["echo"];
                double msgs = ec["echo"].value("msgs_per_s", 0.0);
                if (msgs > 0)
                    ratios["burst_vs_echo"] = burst_rate / msgs;
                // steady acknowledgements against the echo's spread-out round trips
                auto& rtt = ec["echo"].contains("steady_rtt_ms") &&
                                    ec["echo"]["steady_rtt_ms"]["p50"].is_number()
                                ? ec["echo"]["steady_rtt_ms"]
                                : ec["echo"]["rtt_ms"];
                if (rtt["p50"].is_number() && steady["ack_ms"]["p50"].is_number() &&
                    rtt["p50"].get<double>() > 0)
                    ratios["steady_ack_p50_vs_echo_rtt_p50"] =
                        steady["ack_ms"]["p50"].get<double>() / rtt["p50"].get<double>();
                if (rtt["p99"].is_number() && steady["ack_ms"]["p99"].is_number() &&
                    rtt["p99"].get<double>() > 0)
                    ratios["steady_ack_p99_vs_echo_rtt_p99"] =
                        steady["ack_ms"]["p99"].get<double>() / rtt["p99"].get<double>();
            }
            report["baselines"] = base;
            report["ratios"] = ratios;
            auto num = [](const json& j) { return j.is_number() ? j.get<double>() : 1e18; };
            double sqlite_rows = sq.is_object() ? sq.value("rows_per_s", 0.0) : 0.0;
            report["targets"] = {
                {"all_sockets_held", held == total_conns && failed == 0},
                {"zero_errors", all_errors == 0},
                {"no_lost_or_double_counted", verified},
                {"steady_ack_p99_le_100ms", num(steady["ack_ms"]["p99"]) <= 100},
                {"burst_ge_20000_per_s", burst_rate >= 20000},
                {"burst_ge_half_sqlite", sqlite_rows > 0 && burst_rate >= sqlite_rows / 2},
                // In both phases: a burst must not leave the projectors behind either.
                {"projector_lag_p99_le_500ms",
                 num(steady["projector_lag_ms"]["p99"]) <= 500 &&
                     (!report["phases"].contains("burst") ||
                      num(report["phases"]["burst"]["projector_lag_ms"]["p99"]) <= 500)},
                {"peak_rss_le_2_5_gib",
                 report.contains("server") &&
                     report["server"]["peak_rss_mib"].get<double>() <= 2560}};
        }

        if (!o.timeline.empty()) {
            // one line per second: time, acks in that second, latency p50 and p99 of those acks
            std::ofstream tl(o.timeline);
            tl << "# t_s acks_per_s ack_p50_ms ack_p99_ms phase bucket_s\n";
            for (std::size_t pi = 0; pi < phases.size(); ++pi) {
                const auto& p = phases[pi];
                // seconds for the spread-out steady phase, tenths for a burst over in seconds
                double width = pi == 0 && !echo ? 1.0 : 0.1;
                std::map<long, std::vector<double>> buckets;
                for (std::size_t i = 0; i < p.ack_t.size(); ++i)
                    buckets[static_cast<long>(p.ack_t[i] / 1000 / width)].push_back(p.latency[i]);
                for (auto& [b, lat] : buckets)
                    tl << fmt(offsets[pi] + (static_cast<double>(b) + 0.5) * width, 2) << " "
                       << fmt(static_cast<double>(lat.size()) / width, 0) << " "
                       << fmt(percentile(lat, 0.5), 2) << " " << fmt(percentile(lat, 0.99), 2)
                       << " " << pi << " " << width << "\n";
                tl << "\n\n";
            }
        }
        if (!o.report.empty())
            std::ofstream(o.report) << report.dump(2) << "\n";
        else
            std::cout << report.dump(2) << "\n";
        return all_errors == 0 && (echo || verified) && held == total_conns ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "\nasamblea_loadgen: " << e.what() << "\n";
        return 2;
    }
}
