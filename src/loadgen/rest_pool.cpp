#include "loadgen/rest_pool.hpp"

namespace asamblea::loadgen {

void rest_pool::login() {
    for (std::size_t k = 0; k < seed_.targets.size(); ++k) {
        rest_client c(seed_.targets[k].host, seed_.targets[k].port);
        c.login(seed_.targets[k].user, seed_.targets[k].password);
        tokens_[k] = c.token();
    }
}

} // namespace asamblea::loadgen
