#pragma once
/// A bounded table of throttle entries: each forgotten a fixed time after its last use, and the
/// least recently used dropped first when the table is full, so varied keys cannot grow it.

#include <chrono>
#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace asamblea::domain {

template <class Value> class throttle_table {
public:
    using clock = std::chrono::steady_clock;

    throttle_table(std::size_t max_keys, clock::duration forget_after)
        : max_keys_(max_keys == 0 ? 1 : max_keys), forget_after_(forget_after) {}
    // The index holds iterators into the list and views of its keys: a move keeps them valid
    // (list nodes move with the list), a copy would not.
    throttle_table(const throttle_table&) = delete;
    throttle_table& operator=(const throttle_table&) = delete;
    throttle_table(throttle_table&&) noexcept = default;
    throttle_table& operator=(throttle_table&&) noexcept = default;

    /// The live entry for `key`, or nullptr when there is none (or it is past its time).
    const Value* find(const std::string& key, clock::time_point now) const {
        auto it = index_.find(key);
        if (it == index_.end() || expired(*it->second, now))
            return nullptr;
        return &it->second->value;
    }

    /// The entry for `key`, made fresh (`Value{}`) when absent or past its time; marked used now.
    /// Forgets entries past their time, then the least recently used while the table is full.
    Value& touch(const std::string& key, clock::time_point now) {
        forget_expired(now);
        auto it = index_.find(key);
        if (it != index_.end()) {
            if (expired(*it->second, now))
                it->second->value = Value{};
            it->second->last = now;
            order_.splice(order_.end(), order_, it->second);
            return it->second->value;
        }
        while (index_.size() >= max_keys_) {
            index_.erase(order_.front().key);
            order_.pop_front();
            ++evicted_;
        }
        order_.push_back(node{key, Value{}, now});
        index_.emplace(std::string_view(order_.back().key), std::prev(order_.end()));
        return order_.back().value;
    }

    void erase(const std::string& key) {
        auto it = index_.find(key);
        if (it == index_.end())
            return;
        auto node_it = it->second;
        index_.erase(it); // before the node whose key it views
        order_.erase(node_it);
    }

    /// Entries held, live or not yet swept.
    std::size_t size() const { return index_.size(); }
    /// Live entries dropped because the table was full.
    std::size_t evicted() const { return evicted_; }

    /// Calls f(key, value) for each live entry.
    template <class F> void for_each(clock::time_point now, F&& f) const {
        for (const auto& n : order_)
            if (!expired(n, now))
                f(n.key, n.value);
    }

private:
    struct node {
        std::string key;
        Value value;
        clock::time_point last;
    };
    bool expired(const node& n, clock::time_point now) const {
        return now - n.last > forget_after_;
    }
    // The list is in order of last use, so the expired entries are at its front.
    void forget_expired(clock::time_point now) {
        while (!order_.empty() && expired(order_.front(), now)) {
            index_.erase(order_.front().key);
            order_.pop_front();
        }
    }

    std::size_t max_keys_;
    clock::duration forget_after_;
    std::list<node> order_;
    // Keyed by a view of the node's own key: list nodes never move, so the view stays valid.
    std::unordered_map<std::string_view, typename std::list<node>::iterator> index_;
    std::size_t evicted_ = 0;
};

/// A table's size for /metrics: entries held (memory) and entries refusing now.
struct throttle_table_stats {
    std::size_t keys = 0;
    std::size_t throttled = 0;
};

template <class Value, class Refusing>
throttle_table_stats count_refusing(const throttle_table<Value>& t,
                                    typename throttle_table<Value>::clock::time_point now,
                                    Refusing refusing) {
    throttle_table_stats s;
    s.keys = t.size();
    t.for_each(now, [&](const std::string&, const Value& v) {
        if (refusing(v))
            ++s.throttled;
    });
    return s;
}

} // namespace asamblea::domain
