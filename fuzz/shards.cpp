// The shard map (`--shards FILE`) and, behind a proxy, X-Forwarded-For and --trusted-proxy: the
// first half of the input is read as a map and as a header, the second as a proxy list.
#include "domain/net/trusted_proxy.hpp"
#include "domain/shards/shard_map.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto half = text.substr(0, size / 2);
    auto parsed = asamblea::domain::shard_map::parse(text);
    if (parsed.ok() && !parsed.map.shards().empty()) {
        (void)parsed.map.owner(half);
        (void)parsed.map.check_here(half, parsed.map.shards().front().name);
    }
    std::vector<asamblea::domain::address_block> trusted;
    if (auto proxies = asamblea::domain::parse_trusted_proxies(text.substr(size / 2)))
        trusted = *proxies;
    (void)asamblea::domain::client_address("127.0.0.1", half, trusted);
    (void)asamblea::domain::is_trusted_proxy(half, trusted);
    return 0;
}
