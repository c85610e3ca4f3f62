// The short cache of national answers merged from every shard (server/fleet/national_cache):
// a complete answer is kept and served again, an incomplete one never is, the bounds on entries
// and bytes hold, an expired entry is merged again, and a write's forget drops its entries.
// No clock is waited on: a time-to-live of zero stands for "expired".
#include "server/fleet/national_cache.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace national_cache_test {

using asamblea::server::national_cache;

// A computation that counts its runs and returns `value`.
struct counted {
    int runs = 0;
    national_cache::entry operator()(int value, bool complete = true, std::size_t bytes = 10) {
        ++runs;
        return {std::make_shared<const int>(value), bytes, complete};
    }
};

int value_of(const national_cache::entry& e) {
    return *std::static_pointer_cast<const int>(e.value);
}

TEST_CASE("a complete answer is kept; an incomplete one is merged again every time") {
    national_cache cache;
    counted merge;
    CHECK(value_of(cache.get_or_compute("dashboard a", [&] { return merge(1); })) == 1);
    CHECK(value_of(cache.get_or_compute("dashboard a", [&] { return merge(2); })) == 1);
    CHECK(merge.runs == 1);

    counted short_one;
    cache.get_or_compute("dashboard b", [&] { return short_one(3, false); });
    auto again = cache.get_or_compute("dashboard b", [&] { return short_one(4, true); });
    CHECK(value_of(again) == 4);
    CHECK(short_one.runs == 2);

    auto text = cache.metrics_text();
    CHECK(text.find("asamblea_national_cache_hits_total 1\n") != std::string::npos);
    CHECK(text.find("asamblea_national_cache_misses_total 3\n") != std::string::npos);
    CHECK(text.find("asamblea_national_cache_entries 2\n") != std::string::npos);
}

TEST_CASE("the cache keeps at most its entries and bytes, the oldest going first") {
    national_cache cache(
        {.ttl = std::chrono::milliseconds(60000), .max_entries = 2, .max_bytes = 100});
    counted merge;
    cache.get_or_compute("k1", [&] { return merge(1); });
    cache.get_or_compute("k2", [&] { return merge(2); });
    cache.get_or_compute("k3", [&] { return merge(3); });
    CHECK(merge.runs == 3);
    CHECK(cache.metrics_text().find("asamblea_national_cache_entries 2\n") != std::string::npos);
    cache.get_or_compute("k3", [&] { return merge(30); });
    cache.get_or_compute("k2", [&] { return merge(20); });
    CHECK(merge.runs == 3);
    // k1, the oldest, went.
    CHECK(value_of(cache.get_or_compute("k1", [&] { return merge(10); })) == 10);
    CHECK(merge.runs == 4);

    // An answer bigger than the byte bound is returned and not kept.
    counted big;
    cache.get_or_compute("big", [&] { return big(5, true, 101); });
    cache.get_or_compute("big", [&] { return big(5, true, 101); });
    CHECK(big.runs == 2);
    CHECK(cache.metrics_text().find("asamblea_national_cache_bytes 20\n") != std::string::npos);
}

TEST_CASE("an expired answer is merged again, and forget drops a write's entries") {
    national_cache stale({.ttl = std::chrono::milliseconds(0)});
    counted merge;
    stale.get_or_compute("k", [&] { return merge(1); });
    stale.get_or_compute("k", [&] { return merge(2); });
    CHECK(merge.runs == 2);

    national_cache cache;
    counted flags, dash;
    cache.get_or_compute("flags {}", [&] { return flags(1); });
    cache.get_or_compute("dashboard {}", [&] { return dash(1); });
    cache.forget("flags ");
    cache.get_or_compute("flags {}", [&] { return flags(2); });
    cache.get_or_compute("dashboard {}", [&] { return dash(2); });
    CHECK(flags.runs == 2);
    CHECK(dash.runs == 1);
}

TEST_CASE("peer failures are counted by shard") {
    national_cache cache;
    cache.count_peer_failure("centro");
    cache.count_peer_failure("centro");
    cache.count_peer_failure("sur");
    auto text = cache.metrics_text();
    CHECK(text.find("asamblea_fleet_peer_failures_total{shard=\"centro\"} 2\n") !=
          std::string::npos);
    CHECK(text.find("asamblea_fleet_peer_failures_total{shard=\"sur\"} 1\n") != std::string::npos);
}

} // namespace national_cache_test
