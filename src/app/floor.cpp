#include "app/floor.hpp"

#include "store/assembly_repo.hpp"
#include "store/floor_repo.hpp"

namespace asamblea::app {
namespace {

domain::status floor_open(SQLite::Database&, const store::assembly_row& a) {
    return domain::require_floor_open(a.state);
}

domain::error floor_changed() {
    return {domain::error_kind::conflict, "floor_changed",
            "La fila para hablar cambió mientras tanto. Actualice la página.", "", 0};
}

command<on_assembly<domain::floor_change>>
moderate(bool needs_open,
         std::function<domain::result<domain::floor_change>(domain::floor_queue&)> decide) {
    return assembly_command<domain::floor_change>(
        needs_open ? assembly_rule(floor_open) : nullptr,
        [decide = std::move(decide)](SQLite::Database& db, const store::assembly_row& a) {
            auto queue = store::load_floor(db, a.id).queue();
            return decide(queue);
        },
        [](store::write_context& w, const store::assembly_row& a,
           domain::floor_change& change) -> domain::status {
            if (!store::apply_floor_change(w, a.clues, a.id, change))
                return std::unexpected(floor_changed());
            return {};
        });
}

} // namespace

command<on_assembly<std::int64_t>> ask_floor(std::int64_t attendee_id) {
    return assembly_command<std::int64_t>(
        floor_open,
        [attendee_id](SQLite::Database& db,
                      const store::assembly_row& a) -> domain::result<std::int64_t> {
            if (auto ok = store::load_floor(db, a.id).queue().can_ask(attendee_id); !ok)
                return std::unexpected(ok.error());
            return 0;
        },
        // The partial UNIQUE index (one open request per attendee) is the final word.
        [attendee_id](store::write_context& w, const store::assembly_row& a,
                      std::int64_t& request_id) -> domain::status {
            auto id = store::insert_floor_request(w, a.clues, a.id, attendee_id);
            if (!id)
                return std::unexpected(id.error());
            request_id = *id;
            return {};
        });
}

command<on_assembly<std::int64_t>> withdraw_floor(std::int64_t attendee_id) {
    return assembly_command<std::int64_t>(
        nullptr,
        [attendee_id](SQLite::Database& db, const store::assembly_row& a) {
            return store::load_floor(db, a.id).queue().withdraw(attendee_id);
        },
        // The write moves the request only while it is still waiting.
        [](store::write_context& w, const store::assembly_row& a,
           std::int64_t& request_id) -> domain::status {
            if (!store::withdraw_floor_request(w, a.clues, a.id, request_id))
                return std::unexpected(floor_changed());
            return {};
        });
}

command<on_assembly<domain::floor_change>> next_speaker() {
    return moderate(true, [](domain::floor_queue& q) { return q.next(); });
}

command<on_assembly<domain::floor_change>> give_floor(std::int64_t request_id) {
    return moderate(true, [request_id](domain::floor_queue& q) { return q.give(request_id); });
}

command<on_assembly<domain::floor_change>> end_turn(std::int64_t request_id) {
    return moderate(false, [request_id](domain::floor_queue& q) { return q.done(request_id); });
}

command<on_assembly<int>> set_speaker_seconds(int seconds) {
    return assembly_command<int>(
        nullptr,
        [seconds](SQLite::Database&, const store::assembly_row&) -> domain::result<int> {
            if (auto ok = domain::check_speaker_seconds(seconds); !ok)
                return std::unexpected(ok.error());
            return seconds;
        },
        [](store::write_context& w, const store::assembly_row& a, int& s) -> domain::status {
            store::update_speaker_seconds(w, a, s);
            return {};
        });
}

} // namespace asamblea::app
