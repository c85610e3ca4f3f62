#pragma once
// `asamblea serve` as a child process of a test: the real binary on a free loopback port, its
// stdout and stderr in their own files, optionally under a descriptor limit. Killed with SIGKILL
// and reaped whenever the guard dies; a child that exits before listening fails the test.

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

class serve_process {
public:
    /// Serves `data_dir`; the logs go to `log_dir`/serve.out and serve.err (the folder must
    /// exist). `nofile` > 0 sets the child's descriptor limit, soft and hard.
    serve_process(const std::filesystem::path& data_dir, const std::filesystem::path& log_dir,
                  std::vector<std::string> extra = {}, rlim_t nofile = 0)
        : out_path_((log_dir / "serve.out").string()), err_path_((log_dir / "serve.err").string()) {
        std::vector<std::string> args = {ASAMBLEA_BINARY, "serve", "--data",    data_dir.string(),
                                         "--port",        "0",     "--address", "127.0.0.1",
                                         "--threads",     "2"};
        args.insert(args.end(), extra.begin(), extra.end());
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            // Only async-signal-safe calls between fork and exec.
            if (nofile > 0) {
                rlimit r{nofile, nofile};
                ::setrlimit(RLIMIT_NOFILE, &r);
            }
            int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            ::dup2(out, 1);
            ::dup2(err, 2);
            ::close(out);
            ::close(err);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        port_ = wait_for_port();
    }
    ~serve_process() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            reap();
        }
    }
    serve_process(const serve_process&) = delete;
    serve_process& operator=(const serve_process&) = delete;

    unsigned short port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string out() const { return read(out_path_); }
    std::string err() const { return read(err_path_); }

    /// Waits for the child to end and returns its wait status.
    int reap() {
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
        return status;
    }

    /// CPU time the server has used so far (user and system), in clock ticks.
    long cpu_ticks() const {
        auto stat = read("/proc/" + std::to_string(pid_) + "/stat");
        auto after_name = stat.rfind(')');
        std::istringstream in(stat.substr(after_name + 2));
        std::string field;
        long utime = 0, stime = 0;
        for (int i = 3; in >> field; ++i) {
            if (i == 14)
                utime = std::stol(field);
            if (i == 15) {
                stime = std::stol(field);
                break;
            }
        }
        return utime + stime;
    }

private:
    static std::string read(const std::string& path) {
        std::ifstream in(path);
        return {std::istreambuf_iterator<char>(in), {}};
    }

    // The server prints its port once it listens.
    unsigned short wait_for_port() {
        const std::string marker = "listening on http://127.0.0.1:";
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            auto log = out();
            if (auto at = log.find(marker); at != std::string::npos) {
                auto end = log.find('\n', at);
                if (end != std::string::npos)
                    return static_cast<unsigned short>(
                        std::stoi(log.substr(at + marker.size(), end - at - marker.size())));
            }
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                FAIL("asamblea serve exited before listening: " << out() << err());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        FAIL("asamblea serve did not listen within 30 s: " << out() << err());
        return 0;
    }

    std::string out_path_;
    std::string err_path_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
};
