#include "server/queue_admission.hpp"

namespace asamblea::server {

queue_admission::queue_admission(std::size_t threads, std::size_t queue,
                                 std::atomic<std::int64_t>& waiting,
                                 std::atomic<std::uint64_t>& refused)
    : capacity_(threads + queue), waiting_(waiting), refused_(refused) {}

bool queue_admission::try_enter() {
    auto n = in_pool_.load();
    do {
        if (n >= capacity_) {
            ++refused_;
            return false;
        }
    } while (!in_pool_.compare_exchange_weak(n, n + 1));
    ++waiting_;
    return true;
}

void queue_admission::enter() {
    ++in_pool_;
    ++waiting_;
}

void queue_admission::started() {
    --waiting_;
}

void queue_admission::finished() {
    --in_pool_;
}

} // namespace asamblea::server
