#include "server/ws/outbox.hpp"

#include <algorithm>

namespace asamblea::server {

void outbox::drop(item& i) {
    bytes_ -= i.message->size();
    i.message.reset();
}

// A drained spill vector gives its memory back: a burst behind one slow write is rare, an idle
// connection is the rule.
void outbox::release_rest() {
    if (rest_.empty())
        std::vector<item>().swap(rest_);
}

outbox::verdict outbox::push(std::shared_ptr<const std::string> message, bool replaceable,
                             bool in_flight) {
    if (size() >= limits_.soft_count && replaceable) {
        // A slow client only needs the newest snapshot: older replaceable ones not in flight go.
        if (!in_flight && front_.message && front_.replaceable)
            drop(front_);
        std::erase_if(rest_, [&](item& i) {
            if (!i.replaceable)
                return false;
            drop(i);
            return true;
        });
        if (!front_.message && !rest_.empty()) {
            front_ = std::move(rest_.front());
            rest_.erase(rest_.begin());
        }
        release_rest();
    }
    bytes_ += message->size();
    if (front_.message)
        rest_.push_back({std::move(message), replaceable});
    else
        front_ = {std::move(message), replaceable};
    if (size() > limits_.hard_count || bytes_ > limits_.hard_bytes)
        return verdict::drop_client;
    return verdict::queued;
}

void outbox::pop_front() {
    drop(front_);
    if (rest_.empty())
        return;
    front_ = std::move(rest_.front());
    rest_.erase(rest_.begin());
    release_rest();
}

void outbox::clear(bool in_flight) {
    for (auto& i : rest_)
        bytes_ -= i.message->size();
    rest_.clear();
    release_rest();
    if (!in_flight && front_.message)
        drop(front_);
}

} // namespace asamblea::server
