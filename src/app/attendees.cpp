#include "app/attendees.hpp"

#include "domain/assembly/assembly_state.hpp"
#include "domain/assembly/attendee.hpp"
#include "domain/clinic.hpp"
#include "store/floor_repo.hpp"

namespace asamblea::app {
namespace {

using domain::error_kind;

domain::status check_in_open(SQLite::Database&, const store::assembly_row& a) {
    return domain::require_check_in_open(a.state);
}

domain::error attendee_not_found() {
    return {error_kind::not_found, "not_found", "No existe ese asistente en esta asamblea.", "id",
            0};
}

} // namespace

command<on_assembly<std::int64_t>> register_attendee(store::new_attendee_row row,
                                                     std::string code_hash, bool by_name) {
    auto rule = [key = row.identifier_hash, folded = domain::fold_for_search(row.nombre),
                 by_name](SQLite::Database& db, const store::assembly_row& a) -> domain::status {
        if (auto ok = check_in_open(db, a); !ok)
            return ok;
        if (auto other = store::find_attendee_by_key(db, a.id, key))
            return std::unexpected(
                domain::duplicate_attendee(other->nombre, other->registered_at, by_name));
        if (by_name)
            if (auto other = store::find_attendee_by_name(db, a.id, folded))
                return std::unexpected(
                    domain::duplicate_attendee(other->nombre, other->registered_at, true));
        return {};
    };
    return assembly_command<std::int64_t>(
        rule, nullptr,
        [row = std::move(row),
         hash = std::move(code_hash)](store::write_context& w, const store::assembly_row& a,
                                      std::int64_t& attendee_id) mutable -> domain::status {
            row.assembly_id = a.id;
            auto id = store::insert_attendee(w, a.clues, row);
            if (!id)
                return std::unexpected(id.error());
            attendee_id = *id;
            auto issued = store::issue_credential(w, a.clues, a.id, *id, hash);
            if (!issued)
                return std::unexpected(issued.error());
            return {};
        });
}

command<on_assembly<std::int64_t>> reissue_credential(std::int64_t attendee_id,
                                                      std::string code_hash) {
    auto rule = [attendee_id](SQLite::Database& db,
                              const store::assembly_row& a) -> domain::status {
        if (auto ok = check_in_open(db, a); !ok)
            return ok;
        if (!store::find_attendee(db, a.id, attendee_id))
            return std::unexpected(attendee_not_found());
        return {};
    };
    return assembly_command<std::int64_t>(
        rule, nullptr,
        [attendee_id, hash = std::move(code_hash)](store::write_context& w,
                                                   const store::assembly_row& a,
                                                   std::int64_t& id) -> domain::status {
            id = attendee_id;
            store::revoke_credentials(w, a.clues, a.id, attendee_id);
            auto issued = store::issue_credential(w, a.clues, a.id, attendee_id, hash);
            if (!issued)
                return std::unexpected(issued.error());
            return {};
        });
}

command<on_assembly<std::int64_t>> revoke_credential(std::int64_t attendee_id) {
    auto already = [] {
        return domain::fail(error_kind::conflict, "already_revoked",
                            "La credencial de esta persona ya estaba revocada.");
    };
    // Only prepare looks at the attendee: inside the write, revoking nothing says "already".
    return assembly_command<std::int64_t>(
        nullptr,
        [attendee_id, already](SQLite::Database& db,
                               const store::assembly_row& a) -> domain::result<std::int64_t> {
            auto attendee = store::find_attendee(db, a.id, attendee_id);
            if (!attendee)
                return std::unexpected(attendee_not_found());
            if (attendee->credential_status != "activa")
                return already();
            return attendee_id;
        },
        [already](store::write_context& w, const store::assembly_row& a,
                  std::int64_t& id) -> domain::status {
            if (store::revoke_credentials(w, a.clues, a.id, id) == 0)
                return already();
            // Whoever can no longer vote should not keep a place in the speakers' queue.
            store::withdraw_waiting_of(w, a.clues, a.id, id);
            return {};
        });
}

} // namespace asamblea::app
