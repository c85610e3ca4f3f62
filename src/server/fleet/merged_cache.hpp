#pragma once
/// A merged fleet answer (national_gather's merged<T>) through the server's national_cache: kept
/// a few seconds when complete, computed every time when there is no cache (no fleet).

#include "server/api/app_context.hpp"
#include "server/fleet/national_cache.hpp"
#include "server/fleet/national_gather.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace asamblea::server {

/// The cache's entry for a merged answer; `bytes` is its size estimate (its JSON's), complete
/// when no shard was missing.
template <class T>
national_cache::entry cache_entry(std::shared_ptr<merged<T>> m, std::size_t bytes) {
    national_cache::entry e;
    e.complete = m->missing.empty();
    e.bytes = bytes;
    e.value = std::move(m);
    return e;
}

/// The answer under `key`, computed by `compute` when not kept.
template <class T>
std::shared_ptr<const merged<T>> cached(app_context& ctx, const std::string& key,
                                        const std::function<national_cache::entry()>& compute) {
    if (!ctx.national_cache)
        return std::static_pointer_cast<const merged<T>>(compute().value);
    return ctx.national_cache->get_or_compute_as<merged<T>>(key, compute);
}

} // namespace asamblea::server
