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

outbox::verdict outbox::push(std::shared_ptr<const std::string> message, push_kind kind,
                             bool in_flight) {
    if (kind == push_kind::progress) {
        // The figures are whole, not increments: the newer message says all the older one did.
        // Only the last one queued, so it never jumps over a snapshot it relies on.
        item* last = !rest_.empty() ? &rest_.back() : (in_flight ? nullptr : &front_);
        if (last && last->message && last->kind == push_kind::progress) {
            bytes_ += message->size();
            bytes_ -= last->message->size();
            last->message = std::move(message);
            return bytes_ > limits_.hard_bytes ? verdict::drop_client : verdict::queued;
        }
    }
    auto redundant = [](const item& i) { return i.kind != push_kind::reply; };
    if (size() >= limits_.soft_count && kind == push_kind::snapshot) {
        // A slow client only needs the newest snapshot: older snapshots, and the progress
        // messages on top of them, go unless in flight.
        if (!in_flight && front_.message && redundant(front_))
            drop(front_);
        std::erase_if(rest_, [&](item& i) {
            if (!redundant(i))
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
        rest_.push_back({std::move(message), kind});
    else
        front_ = {std::move(message), kind};
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
