#include "server/views/link_origin_json.hpp"

namespace asamblea::server {

nlohmann::json to_json(const domain::link_origin& o) {
    return {{"origin", o.origin},
            {"source", domain::to_string(o.source)},
            {"unreachable", o.unreachable()}};
}

} // namespace asamblea::server
