#pragma once
/// Looks for silent WebSockets, for the whole process at once. Beast's own idle time-out keeps a
/// timer wait pending on every connection, about 250 bytes of each idle phone's memory
/// (heaptrack, issue 19); this sweep keeps one timer: every `period` it asks each open WebSocket
/// to check its silence (ws_closer::check_idle), which pings one silent for three quarters of
/// ws_limits::idle_timeout and closes one silent for all of it. A connection is closed between
/// idle_timeout and idle_timeout + period after it was last heard from.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>

namespace asamblea::server {

struct server_core;

class idle_sweep {
public:
    /// The period used for an idle time-out: a twelfth of it, at most 10 s and at least 50 ms.
    static std::chrono::milliseconds period_for(std::chrono::milliseconds idle_timeout);

    idle_sweep(boost::asio::io_context& ioc, server_core& core, std::chrono::milliseconds period);
    idle_sweep(const idle_sweep&) = delete;
    idle_sweep& operator=(const idle_sweep&) = delete;

    /// Arms the timer; call before the io_context's threads run.
    void start();
    /// Cancels the timer, on its strand; safe from any thread.
    void stop();

private:
    void arm();
    void sweep();

    // On a strand of its own: with several I/O threads, stop() and the timer's completion would
    // otherwise touch the timer (and stopped_) on two threads at once.
    boost::asio::steady_timer timer_;
    server_core& core_;
    std::chrono::milliseconds period_;
    bool stopped_ = false;
};

} // namespace asamblea::server
