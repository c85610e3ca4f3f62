#include "server/ws/outbox.hpp"

namespace asamblea::server {

outbox::verdict outbox::push(std::shared_ptr<const std::string> message, bool replaceable,
                             bool in_flight) {
    if (items_.size() >= limits_.soft_count && replaceable) {
        // A slow client only needs the newest snapshot: older replaceable ones not in flight go.
        for (auto i = items_.begin() + (in_flight ? 1 : 0); i != items_.end();) {
            if (i->replaceable) {
                bytes_ -= i->message->size();
                i = items_.erase(i);
            } else {
                ++i;
            }
        }
    }
    bytes_ += message->size();
    items_.push_back({std::move(message), replaceable});
    if (items_.size() > limits_.hard_count || bytes_ > limits_.hard_bytes)
        return verdict::drop_client;
    return verdict::queued;
}

void outbox::pop_front() {
    bytes_ -= items_.front().message->size();
    items_.pop_front();
}

void outbox::clear(bool in_flight) {
    std::size_t keep = in_flight && !items_.empty() ? 1 : 0;
    while (items_.size() > keep) {
        bytes_ -= items_.back().message->size();
        items_.pop_back();
    }
}

} // namespace asamblea::server
