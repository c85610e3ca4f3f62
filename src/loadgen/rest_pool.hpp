#pragma once
/// The coordinator's REST side: the staff token of every server, and calls spread over a few
/// threads, each with its own keep-alive connection to every server.

#include "loadgen/rest_client.hpp"
#include "loadgen/seed_file.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace asamblea::loadgen {

class rest_pool {
public:
    rest_pool(const seed_data& seed, unsigned threads)
        : seed_(seed), threads_(threads), tokens_(seed.targets.size()) {}

    /// Logs in to every server with its seed file's staff account.
    void login();

    const seed_data& seed() const { return seed_; }

    /// Runs fn(clients, i) for every i in [0, n), where clients[k] talks to server k; throws the
    /// first error once every i has been tried.
    template <class Fn> void for_each(std::size_t n, Fn fn) const;

private:
    const seed_data& seed_;
    unsigned threads_;
    std::vector<std::string> tokens_; // one per server
};

template <class Fn> void rest_pool::for_each(std::size_t n, Fn fn) const {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    std::mutex error_mutex;
    std::string first_error;
    for (unsigned t = 0; t < std::max(1U, threads_); ++t)
        pool.emplace_back([&] {
            // a deque: a rest_client owns its io_context and cannot move
            std::deque<rest_client> clients;
            for (std::size_t k = 0; k < seed_.targets.size(); ++k) {
                clients.emplace_back(seed_.targets[k].host, seed_.targets[k].port);
                clients.back().set_token(tokens_[k]);
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

} // namespace asamblea::loadgen
