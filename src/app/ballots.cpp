#include "app/ballots.hpp"

#include "store/ballot_keys.hpp"
#include "store/live_summary.hpp"
#include "store/round_repo.hpp"

namespace asamblea::app {

std::optional<std::string> voter_tag(store::ballot_keys& keys, std::int64_t assembly_id,
                                     std::int64_t attendee_id, std::int64_t round_id, bool create) {
    auto key = create ? keys.get_or_create(assembly_id) : keys.find(assembly_id);
    if (!key)
        return std::nullopt;
    return store::voter_tag(*key, round_id, attendee_id);
}

command<prepared_ballot> cast_ballot(std::string voter_tag, std::int64_t credential_id,
                                     std::int64_t round_id, std::string ballot_uid,
                                     std::vector<std::string> choices, std::string receipt) {
    return {
        .prepare = [=](scope& s) -> domain::result<prepared_ballot> {
            auto prepared =
                s.state.prepare_ballot(round_id, voter_tag, ballot_uid, choices, receipt);
            if (prepared) {
                prepared->credential_id = credential_id;
                // Counted under the person's cap from now on, so a burst of ballots in flight
                // cannot pass it (domain/ballot_limit); abandon gives the place back.
                if (!prepared->duplicate)
                    s.state.reserve_ballot(voter_tag, ballot_uid);
            }
            return prepared;
        },
        .persist = [](store::write_context& w, const std::string& clues,
                      prepared_ballot& b) -> domain::status {
            if (b.duplicate)
                return {};
            if (!store::credential_active(w, b.credential_id))
                return domain::fail(domain::error_kind::forbidden, "credential_revoked",
                                    "Su credencial ya no es válida. Pida una nueva en el "
                                    "registro.");
            return store::insert_ballot(w, b.round_id, clues, b.row);
        },
        .apply =
            [](hot_state& state, const prepared_ballot& b) {
                state.apply_ballot(b);
                return after_commit{.reload = false};
            },
        .abandon = [voter_tag,
                    ballot_uid](hot_state& state) { state.release_ballot(voter_tag, ballot_uid); },
    };
}

} // namespace asamblea::app
