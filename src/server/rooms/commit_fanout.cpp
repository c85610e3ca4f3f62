#include "server/rooms/commit_fanout.hpp"

#include "server/rooms/room.hpp"
#include "store/writer.hpp"

#include <boost/asio/post.hpp>

#include <utility>

namespace asamblea::server {

void commit_fanout::add(std::shared_ptr<room> r) {
    if (batch_.empty())
        writer_.after_completions([self = shared_from_this()] { self->flush(); });
    batch_.push_back(std::move(r));
}

void commit_fanout::flush() {
    boost::asio::post(rooms_, [rooms = std::exchange(batch_, {})] {
        for (const auto& r : rooms)
            r->run_committed_on_strand();
    });
}

} // namespace asamblea::server
