#pragma once
/// This shard's place in its fleet: the shard map, its own name and the fleet key that every
/// shard of the map shares. It stamps the requests this shard sends to the others
/// (fleet_client) and checks the stamps on the peer routes (`/api/fleet/…`) it answers.

#include "domain/error.hpp"
#include "domain/shards/shard_map.hpp"
#include "store/crypto.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace asamblea::server {

struct request;

class fleet {
public:
    fleet(domain::shard_map map, std::string self, store::secret_key key);

    const domain::shard_map& map() const { return map_; }
    const std::string& self() const { return self_; }
    /// Every other shard of the map, once each (a name may fill several lines of the map).
    const std::vector<const domain::shard*>& peers() const { return peers_; }

    /// The `X-Asamblea-Fleet` header value for a request this shard sends now.
    std::string stamp(std::string_view method, std::string_view target,
                      std::string_view body) const;
    /// The sending shard's name when the request carries a fresh stamp by a shard of the map
    /// (not this one) over exactly this method, target and body; unauthorized otherwise.
    domain::result<std::string> check(const request& req) const;
    /// The shared key, for what else the shards sign with it (fleet tokens, domain-separated).
    const store::secret_key& key() const { return key_; }

private:
    domain::shard_map map_;
    std::string self_;
    store::secret_key key_;
    std::vector<const domain::shard*> peers_;
};

} // namespace asamblea::server
