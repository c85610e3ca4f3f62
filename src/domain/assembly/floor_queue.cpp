#include "domain/assembly/floor_queue.hpp"

#include <algorithm>
#include <string>

namespace asamblea::domain {

status check_speaker_seconds(int seconds) {
    if (seconds < min_speaker_seconds || seconds > max_speaker_seconds)
        return fail(error_kind::invalid, "invalid_field",
                    "El tiempo por participante debe ser de " +
                        std::to_string(min_speaker_seconds) + " a " +
                        std::to_string(max_speaker_seconds) + " segundos.",
                    "speaker_seconds");
    return {};
}

status floor_queue::can_ask(std::int64_t attendee_id) const {
    if (current_ && current_->attendee_id == attendee_id)
        return fail(error_kind::conflict, "already_speaking", "Usted tiene la palabra ahora.");
    if (std::any_of(waiting_.begin(), waiting_.end(),
                    [&](const floor_entry& e) { return e.attendee_id == attendee_id; }))
        return fail(error_kind::conflict, "already_waiting",
                    "Usted ya pidió la palabra; espere su turno.");
    return {};
}

status floor_queue::ask(floor_entry entry) {
    if (auto ok = can_ask(entry.attendee_id); !ok)
        return ok;
    waiting_.push_back(entry);
    return {};
}

result<std::int64_t> floor_queue::withdraw(std::int64_t attendee_id) {
    auto it = std::find_if(waiting_.begin(), waiting_.end(),
                           [&](const floor_entry& e) { return e.attendee_id == attendee_id; });
    if (it == waiting_.end())
        return fail(error_kind::not_found, "no_floor_request",
                    "Usted no tiene una solicitud de palabra en espera.");
    auto id = it->id;
    waiting_.erase(it);
    return id;
}

result<floor_change> floor_queue::next() {
    if (waiting_.empty() && !current_)
        return fail(error_kind::conflict, "queue_empty", "Nadie está esperando la palabra.");
    floor_change change;
    if (current_)
        change.ended = current_->id;
    current_.reset();
    if (!waiting_.empty()) {
        current_ = waiting_.front();
        waiting_.erase(waiting_.begin());
        change.started = current_->id;
    }
    return change;
}

result<floor_change> floor_queue::give(std::int64_t request_id) {
    auto it = std::find_if(waiting_.begin(), waiting_.end(),
                           [&](const floor_entry& e) { return e.id == request_id; });
    if (it == waiting_.end()) {
        if (current_ && current_->id == request_id)
            return fail(error_kind::conflict, "already_speaking",
                        "Esa persona ya tiene la palabra.");
        return fail(error_kind::not_found, "not_found",
                    "No hay una solicitud de palabra en espera con ese número.");
    }
    floor_change change;
    if (current_)
        change.ended = current_->id;
    current_ = *it;
    waiting_.erase(it);
    change.started = current_->id;
    return change;
}

result<floor_change> floor_queue::done(std::int64_t request_id) {
    if (!current_ || current_->id != request_id)
        return fail(error_kind::conflict, "not_speaking",
                    "Esa solicitud no tiene la palabra en este momento.");
    floor_change change;
    change.ended = current_->id;
    current_.reset();
    return change;
}

} // namespace asamblea::domain
