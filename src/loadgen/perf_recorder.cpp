#include "loadgen/perf_recorder.hpp"

#include "loadgen/clock.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

namespace asamblea::loadgen {

perf_recorder::perf_recorder(const options& o, const std::string& phase) {
    if (std::find(o.perf_phases.begin(), o.perf_phases.end(), phase) == o.perf_phases.end())
        return;
    std::string pids;
    for (int p : o.server_pids)
        pids += (pids.empty() ? "" : ",") + std::to_string(p);
    std::string data = o.perf_dir + "/perf-" + phase + ".data";
    log_ = o.perf_dir + "/perf-" + phase + ".log";
    std::filesystem::create_directories(o.perf_dir);
    std::filesystem::remove(data);
    std::vector<std::string> args{
        "perf", "record", "-g", "-e", o.perf_event, "-F", std::to_string(o.perf_frequency),
        "-p",   pids,     "-o", data};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        ::execvp("perf", argv.data());
        _exit(127);
    }
    if (pid < 0) {
        std::cerr << "asamblea_loadgen: perf for " << phase << ": fork failed\n";
        return;
    }
    pid_ = pid;
    // perf creates its file once it is attached: wait for it (3 s at most), so the phase does
    // not start unrecorded.
    auto t0 = clock_type::now();
    while (!std::filesystem::exists(data) && seconds_since(t0) < 3) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            std::cerr << "asamblea_loadgen: perf did not start for the " << phase
                      << " phase; its log: " << log_ << "\n";
            pid_ = 0;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

void perf_recorder::stop() {
    if (pid_ == 0)
        return;
    ::kill(pid_, SIGINT);
    int status = 0;
    waitpid(pid_, &status, 0);
    // perf writes its file on SIGINT, then dies of it (it raises the signal again).
    bool ok = (WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
              (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
    if (!ok)
        std::cerr << "asamblea_loadgen: perf ended with status " << status << "; its log: " << log_
                  << "\n";
    pid_ = 0;
}

} // namespace asamblea::loadgen
