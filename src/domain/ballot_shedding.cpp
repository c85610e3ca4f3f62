#include "domain/ballot_shedding.hpp"

namespace asamblea::domain {

shed_decision decide_ballot(const shed_bounds& bounds, std::size_t writer_queue,
                            std::size_t room_backlog) {
    if (bounds.writer_queue > 0 && writer_queue >= bounds.writer_queue)
        return {shed_reason::writer_queue, shed_retry_after};
    if (bounds.room_backlog > 0 && room_backlog >= bounds.room_backlog)
        return {shed_reason::room_backlog, shed_retry_after};
    return {};
}

const char* shed_reason_name(shed_reason reason) {
    switch (reason) {
    case shed_reason::writer_queue:
        return "writer_queue";
    case shed_reason::room_backlog:
        return "room_backlog";
    case shed_reason::none:
        break;
    }
    return "none";
}

error ballot_busy(std::chrono::milliseconds retry_after) {
    error e{error_kind::unavailable, "busy",
            "Hay mucha actividad en el servidor. Su voto no se registró todavía; su teléfono lo "
            "enviará de nuevo en un momento.",
            "", 0};
    e.retry_after_ms = static_cast<long>(retry_after.count());
    return e;
}

} // namespace asamblea::domain
