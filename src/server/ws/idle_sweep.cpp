#include "server/ws/idle_sweep.hpp"

#include "server/server_core.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>

namespace asamblea::server {

std::chrono::milliseconds idle_sweep::period_for(std::chrono::milliseconds idle_timeout) {
    return std::clamp(idle_timeout / 12, std::chrono::milliseconds(50),
                      std::chrono::milliseconds(10'000));
}

idle_sweep::idle_sweep(boost::asio::io_context& ioc, server_core& core,
                       std::chrono::milliseconds period)
    : timer_(boost::asio::make_strand(ioc)), core_(core), period_(period) {}

void idle_sweep::start() {
    arm();
}

void idle_sweep::stop() {
    boost::asio::post(timer_.get_executor(), [this] {
        stopped_ = true;
        timer_.cancel();
    });
}

void idle_sweep::arm() {
    timer_.expires_after(period_);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_)
            return;
        sweep();
        arm();
    });
}

void idle_sweep::sweep() {
    // One clock reading for the whole pass; a session heard from since gets posted to and finds
    // on its strand that it has nothing to do.
    auto now = std::chrono::steady_clock::now();
    for (auto& s : core_.open_sessions())
        s->check_idle(now);
}

} // namespace asamblea::server
